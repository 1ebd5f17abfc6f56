package io.userstream.benchmark;

import java.nio.file.Path;
import java.time.Duration;

import io.userstream.model.Stage;
import io.userstream.model.UserJson;
import io.userstream.test.TestUsers;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class JfrProfileTests {

	@Test
	void putsAJsonLoopsSamplesUnderJson(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("json.jfr");
		JfrProfile profile;
		byte[][] users = new byte[100][];
		for (int i = 0; i < users.length; i++) {
			users[i] = TestUsers.json(TestUsers.fetched(i));
		}
		try (Recording recording = new Recording()) {
			recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
			recording.start();
			// JFR starts sampling a while after the recording starts, and not every sample walks the stack:
			// run until there are enough samples for the shares to mean something.
			long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
			do {
				long end = System.nanoTime() + Duration.ofSeconds(1).toNanos();
				for (int i = 0; System.nanoTime() < end; i++) {
					UserJson.write(UserJson.read(users[i % users.length], Stage.FETCHED));
				}
				recording.dump(file);
				profile = JfrProfile.read(file);
			}
			while (profile.samples() < 100 && System.nanoTime() < deadline);
		}
		System.out.println(profile.summary(5));
		assertThat(profile.samples()).isGreaterThanOrEqualTo(100);

		var shares = profile.categoryShares();
		double json = shares.get("JSON parse") + shares.get("JSON write");
		assertThat(json).isGreaterThan(50);
		assertThat(shares.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(100, within(0.01));
		assertThat(profile.summary(10)).contains("UserJson.read", "UserJson.write");
	}

}
