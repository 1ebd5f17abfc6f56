package io.userstream.ingest.run;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/** No broker to publish to: the run says so with a 503 and what it fetched, instead of claiming success. */
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.bootstrap-servers=localhost:1", "spring.kafka.admin.auto-create=false",
				"spring.kafka.producer.properties.max.block.ms=300", "ingest.schedule.enabled=false" })
class BrokerDownTests extends StandInTests {

	@LocalServerPort
	int port;

	@Test
	void unacknowledgedUsersAreServiceUnavailableWithTheSummary() {
		HttpResponse<String> response = new IngestApi(this.port).run("{\"count\": 3}");

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = IngestApi.json(response);
		assertThat(problem.path("detail").asString()).startsWith("Kafka did not acknowledge 3 users");
		assertThat(problem.path("fetched").asLong()).isEqualTo(3);
		assertThat(problem.path("published").asLong()).isZero();
	}

}
