package io.userstream.ingest.run;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.userstream.ingest.IngestApplication;
import io.userstream.test.TestKafka;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Two instances of ingest-service: one runs the schedule; when it stops, the other takes it over. */
class ScheduleOwnershipTests extends StandInTests {

	@Test
	void oneInstanceRunsTheScheduleAndAnotherTakesItOverWhenItStops() throws Exception {
		String topic = TestKafka.uniqueTopic("users_info");
		try (ConfigurableApplicationContext first = instance(topic)) {
			Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> scheduledRuns(first) >= 2);
			try (ConfigurableApplicationContext second = instance(topic)) {
				Awaitility.await()
					.during(Duration.ofSeconds(4))
					.atMost(Duration.ofSeconds(10))
					.until(() -> scheduledRuns(second) == 0 && owner(second) == 0);
				assertThat(owner(first)).isEqualTo(1);
				double runsOfTheFirst = scheduledRuns(first);

				first.close();

				Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> scheduledRuns(second) >= 2);
				assertThat(owner(second)).isEqualTo(1);
				assertThat(runsOfTheFirst).isGreaterThanOrEqualTo(2);
			}
		}
	}

	private static ConfigurableApplicationContext instance(String topic) {
		return new SpringApplicationBuilder(IngestApplication.class).run("--server.port=0", "--management.server.port=0",
				"--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
				"--randomuser.base-url=" + upstream.baseUrl(), "--userstream.topics.users-info=" + topic,
				"--ingest.schedule.enabled=true", "--ingest.schedule.interval=300ms", "--ingest.schedule.count=3");
	}

	private static double scheduledRuns(ConfigurableApplicationContext instance) {
		return instance.getBean(MeterRegistry.class).counter("ingest.runs", "trigger", "schedule", "outcome", "ok").count();
	}

	private static double owner(ConfigurableApplicationContext instance) {
		return instance.getBean(MeterRegistry.class).get("ingest.schedule.owner").gauge().value();
	}

}
