package io.userstream.ingest.run;


import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/** No broker to publish to: the run says so with a 503 and what it fetched, instead of claiming success. */
@DirtiesContext
@AutoConfigureMockMvc
@SpringBootTest(properties = { "spring.kafka.bootstrap-servers=localhost:1", "spring.kafka.admin.auto-create=false",
				"spring.kafka.producer.properties.max.block.ms=300", "ingest.schedule.enabled=false" })
class BrokerDownTests extends StandInTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void unacknowledgedUsersAreServiceUnavailableWithTheSummary() {
		MvcTestResult response = new IngestApi(this.mvc).run("{\"count\": 3}");

		assertThat(IngestApi.status(response)).isEqualTo(503);
		assertThat(IngestApi.contentType(response)).isEqualTo("application/problem+json");
		JsonNode problem = IngestApi.json(response);
		assertThat(problem.path("detail").asString()).startsWith("Kafka did not acknowledge 3 users");
		assertThat(problem.path("fetched").asLong()).isEqualTo(3);
		assertThat(problem.path("published").asLong()).isZero();
	}

}
