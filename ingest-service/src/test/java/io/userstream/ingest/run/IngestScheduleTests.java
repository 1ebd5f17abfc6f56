package io.userstream.ingest.run;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/** The original's cron as a property: on, runs repeat with fresh seeds; off, nothing calls the upstream. */
class IngestScheduleTests extends StandInTests {

	@Nested
	@DirtiesContext
	@SpringBootTest(properties = { "ingest.schedule.enabled=true", "ingest.schedule.interval=300ms",
			"ingest.schedule.count=7" })
	class On {

		@Autowired
		MeterRegistry meters;

		@Test
		void runsRepeatWithFreshSeeds() {
			Awaitility.await()
				.atMost(Duration.ofMinutes(1))
				.until(() -> meters.counter("ingest.runs", "trigger", "schedule", "outcome", "ok").count() >= 3);

			assertThat(upstream.requestedQueries()).allSatisfy(query -> assertThat(query).contains("results=7"));
			assertThat(upstream.requestedQueries().stream().map(query -> query.replaceAll(".*seed=([^&]*).*", "$1")))
				.doesNotHaveDuplicates();
			assertThat(meters.counter("ingest.users.published").count()).isGreaterThanOrEqualTo(21);
		}

	}

	@Nested
	@SpringBootTest(properties = { "ingest.schedule.enabled=false", "ingest.schedule.interval=100ms" })
	class Off {

		@Autowired
		ApplicationContext context;

		@Test
		void nothingRunsByItself() throws InterruptedException {
			int before = upstream.requestCount();
			Thread.sleep(1500);

			assertThat(context.getBeansOfType(IngestSchedule.class)).isEmpty();
			assertThat(upstream.requestCount()).isEqualTo(before);
		}

	}

}
