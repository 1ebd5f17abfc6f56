package io.userstream.label;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.userstream.test.ServiceProcess;
import io.userstream.test.StreamCrashDrill;
import io.userstream.test.TestUsers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged service, killed with {@code kill -9} while records flow and started again, labels every user exactly once. */
class ExactlyOnceCrashIT {

	@Test
	void exactlyOnceAcrossAKillAndARestart() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		Map<String, byte[]> messages = new LinkedHashMap<>();
		for (int i = 0; i < 1500; i++) {
			var user = TestUsers.timestamped(i);
			messages.put(user.id().toString(), TestUsers.json(user));
		}
		ServiceProcess service = ServiceProcess.ofThisModule("label-service-crash")
			.with("userstream.topics.timestamp", "crash-in-" + run)
			.with("userstream.topics.label", "crash-out-" + run)
			.with("spring.kafka.streams.application-id", "crash-" + run);

		var result = new StreamCrashDrill("crash-in-" + run, "crash-out-" + run, List.of(service)).run(messages, 100);
		System.out.println("label-service exactly_once_v2 kill -9 and restart: " + result);

		assertThat(result.outputAtKill()).as("some but not all output at the kill").isBetween(1, messages.size() - 1);
		assertThat(result.missing(messages.keySet())).as("missing").isEmpty();
		assertThat(result.duplicates()).as("duplicates").isZero();
	}

}
