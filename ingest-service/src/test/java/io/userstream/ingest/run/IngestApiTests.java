package io.userstream.ingest.run;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.userstream.standin.ScriptedResponse;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The trigger's answers to bad requests and to a second run, and what health shows of the upstream. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "ingest.schedule.enabled=false", "randomuser.retry.max-attempts=2",
		"randomuser.retry.initial-backoff=50ms" })
class IngestApiTests extends StandInTests {

	@LocalServerPort
	int port;

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"count": 0}                  | count
			{"count": 50001}              | count
			{"count": -5}                 | count
			{"count": "many"}             | count
			{"count": 2.5}                | count
			{"count": 10, "nat": "xx"}    | nat
			{"count": 10, "nat": "us,zz"} | nat
			{"count": 10, "seed": "a&b"}  | seed
			{"count": 10, "cnt": 5}       | cnt
			{"count": 10                  | malformed JSON
			""")
	void badRequestIsProblemNamingTheField(String body, String field) {
		HttpResponse<String> response = api().run(body);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(IngestApi.json(response).path("detail").asString()).startsWith(field);
		assertThat(upstream.requestCount()).isZero();
	}

	@Test
	void emptyBodyRunsTheDefaultCountWithTheGivenNationalities() {
		HttpResponse<String> defaults = api().run("");
		HttpResponse<String> withNat = api().run("{\"count\": 30, \"nat\": \"US, gb\"}");

		assertThat(defaults.statusCode()).as(defaults.body()).isEqualTo(200);
		assertThat(IngestApi.json(defaults).path("published").asLong()).isEqualTo(100);
		assertThat(withNat.statusCode()).as(withNat.body()).isEqualTo(200);
		assertThat(upstream.requestedQueries().get(1)).contains("results=30").contains("nat=us,gb").contains("page=1");
	}

	@Test
	void secondRunWhileOneIsGoingIsConflict() {
		upstream.enqueue(ScriptedResponse.delayed(Duration.ofSeconds(3)));
		CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> api().run("{\"count\": 10}"));
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> upstream.requestCount() == 1);

		HttpResponse<String> second = api().run("{\"count\": 10}");

		assertThat(second.statusCode()).isEqualTo(409);
		assertThat(second.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(first.join().statusCode()).isEqualTo(200);
		assertThat(api().run("{\"count\": 10}").statusCode()).as("free again once the first has finished").isEqualTo(200);
	}

	@Test
	void readinessDependsOnKafkaNotOnTheUpstream() {
		upstream.enqueue(ScriptedResponse.status(503), 2);
		api().run("{\"count\": 10}");

		HttpResponse<String> readiness = api().get("/actuator/health/readiness");
		JsonNode health = IngestApi.json(api().get("/actuator/health"));

		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(IngestApi.json(readiness).path("components").has("kafka")).isTrue();
		assertThat(IngestApi.json(readiness).path("components").has("randomuser")).isFalse();
		assertThat(health.path("components").path("randomuser").path("details").path("lastOutcome").asString())
			.isEqualTo("5xx");
		int requestsAfterRun = upstream.requestCount();
		api().get("/actuator/health");
		assertThat(upstream.requestCount()).as("health never calls the upstream").isEqualTo(requestsAfterRun);
	}

	private IngestApi api() {
		return new IngestApi(this.port);
	}

}
