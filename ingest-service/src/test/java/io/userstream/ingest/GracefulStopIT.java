package io.userstream.ingest;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import io.userstream.standin.RandomUserStandIn;
import io.userstream.standin.ScriptedResponse;
import io.userstream.test.ServiceProcess;
import io.userstream.test.TestKafka;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A deployment's SIGTERM in the middle of a scheduled run: the run publishes everything it fetches, then the process ends. */
class GracefulStopIT {

	@Test
	void sigtermLetsTheRunningScheduledRunFinish() throws Exception {
		String topic = TestKafka.uniqueTopic("users_info");
		try (RandomUserStandIn upstream = RandomUserStandIn.start(0);
				ServiceProcess ingest = ServiceProcess.ofThisModule("ingest-service")
					.with("randomuser.base-url", upstream.baseUrl())
					.with("userstream.topics.users-info", topic)
					.with("ingest.schedule.count", "10000")
					.with("ingest.schedule.interval", "1h")) {
			upstream.enqueue(ScriptedResponse.delayed(Duration.ofSeconds(3)), 2);
			ingest.start();
			Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> upstream.requestCount() >= 1);

			ingest.stop();

			assertThat(upstream.requestCount()).as("both pages fetched").isEqualTo(2);
			assertThat(Files.readString(ingest.log())).contains("requested=10000 fetched=10000 published=10000");
			assertThat(TestKafka.readCommitted(List.of(topic), 10000, Duration.ofMinutes(1), Duration.ofSeconds(1)))
				.hasSize(10000);
		}
	}

}
