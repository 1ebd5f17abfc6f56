package io.userstream.ingest.run;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No broker to publish to: the run says so with a 503 and what it fetched, instead of claiming success,
 * and soon, with the producer's timeouts of application.properties.
 */
@DirtiesContext
@AutoConfigureMockMvc
@SpringBootTest(properties = { "spring.kafka.bootstrap-servers=localhost:1", "spring.kafka.admin.auto-create=false",
		"ingest.schedule.enabled=false" })
class BrokerDownTests extends StandInTests {

	/** Far below the client's default max.block.ms of 60 s, which a single send may wait out. */
	private static final Duration PROMPT = Duration.ofSeconds(20);

	@Autowired
	MockMvcTester mvc;

	@Test
	void unacknowledgedUsersAreServiceUnavailableWithTheSummary() {
		MvcTestResult response = api().run("{\"count\": 3}");

		assertThat(IngestApi.status(response)).isEqualTo(503);
		assertThat(IngestApi.contentType(response)).isEqualTo("application/problem+json");
		JsonNode problem = IngestApi.json(response);
		assertThat(problem.path("detail").asString()).startsWith("Kafka did not acknowledge 3 users");
		assertThat(problem.path("fetched").asLong()).isEqualTo(3);
		assertThat(problem.path("published").asLong()).isZero();
	}

	@Test
	void largeRunIsServiceUnavailableWithinSecondsAndLeavesNoRunInProgress() {
		for (String run : new String[] { "first", "second, right after" }) {
			long start = System.nanoTime();
			MvcTestResult response = api().run("{\"count\": 2000}");
			Duration answeredAfter = Duration.ofNanos(System.nanoTime() - start);

			assertThat(IngestApi.status(response)).as(run + " run: " + IngestApi.body(response)).isEqualTo(503);
			assertThat(IngestApi.contentType(response)).isEqualTo("application/problem+json");
			JsonNode problem = IngestApi.json(response);
			assertThat(problem.path("detail").asString()).startsWith("Kafka did not acknowledge 2000 users");
			assertThat(problem.path("requested").asLong()).isEqualTo(2000);
			assertThat(problem.path("fetched").asLong()).isEqualTo(2000);
			assertThat(problem.path("published").asLong()).isZero();
			assertThat(answeredAfter).as(run + " run answered after").isLessThan(PROMPT);
		}
		MvcTestResult readiness = api().get("/actuator/health/readiness");
		assertThat(IngestApi.status(readiness)).isEqualTo(503);
		assertThat(IngestApi.json(readiness).path("components").path("kafka").path("status").asString())
			.isEqualTo("DOWN");
	}

	private IngestApi api() {
		return new IngestApi(this.mvc);
	}

}
