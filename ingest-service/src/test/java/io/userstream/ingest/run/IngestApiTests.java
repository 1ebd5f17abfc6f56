package io.userstream.ingest.run;

import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.CompletableFuture;

import io.userstream.standin.ScriptedResponse;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/** The trigger's answers to bad requests and to a second run, and what health shows of the upstream. */
@AutoConfigureMockMvc
@SpringBootTest(properties = { "ingest.schedule.enabled=false", "randomuser.retry.max-attempts=2",
		"randomuser.retry.initial-backoff=50ms" })
class IngestApiTests extends StandInTests {

	@Autowired
	MockMvcTester mvc;

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"count": 0}                  | count
			{"count": 50001}              | count
			{"count": -5}                 | count
			{"count": "many"}             | count
			{"count": 2.5}                | count
			{"count": 10, "nat": "xx"}    | nat
			{"count": 10, "nat": "us,zz"} | nat
			{"count": 10, "nat": "us,"}   | nat
			{"count": 10, "nat": "us, US"} | nat
			{"count": 10, "nat": "au,br,ca,ch,de,dk,es,fi,fr,gb,ie,in,ir,mx,nl,no,nz,rs,tr,ua,us,gb"} | nat
			{"count": 10, "seed": "a&b"}  | seed
			{"count": 10, "cnt": 5}       | cnt
			{"count": 10                  | malformed JSON
			""")
	void badRequestIsProblemNamingTheField(String body, String field) {
		MvcTestResult response = api().run(body);

		assertThat(IngestApi.status(response)).isEqualTo(400);
		assertThat(IngestApi.contentType(response)).isEqualTo("application/problem+json");
		assertThat(IngestApi.json(response).path("detail").asString()).startsWith(field);
		assertThat(upstream.requestCount()).isZero();
	}

	@Test
	void natListOfAnyLengthThatFitsTheBodyIsBadRequestNotServerError() {
		String nat = String.join(",", Collections.nCopies(5_000, "us"));

		MvcTestResult response = api().run("{\"count\": 10, \"nat\": \"" + nat + "\"}");

		assertThat(IngestApi.status(response)).isEqualTo(400);
		assertThat(IngestApi.json(response).path("detail").asString()).startsWith("nat");
		assertThat(upstream.requestCount()).isZero();
	}

	@Test
	void everyNationalityOnceInAnyCaseWithSpacesIsAsked() {
		MvcTestResult response = api().run("""
				{"count": 5, "nat": " AU,br , Ca,CH,de,DK,es,FI,fr,GB,ie,IN,ir,MX,nl,NO,nz,RS,tr,UA,us "}""");

		assertThat(IngestApi.status(response)).as(IngestApi.body(response)).isEqualTo(200);
		assertThat(upstream.requestedQueries().get(0))
			.contains("nat=au,br,ca,ch,de,dk,es,fi,fr,gb,ie,in,ir,mx,nl,no,nz,rs,tr,ua,us");
	}

	@Test
	void emptyBodyRunsTheDefaultCountWithTheGivenNationalities() {
		MvcTestResult defaults = api().run("");
		MvcTestResult withNat = api().run("{\"count\": 30, \"nat\": \"US, gb\"}");

		assertThat(IngestApi.status(defaults)).as(IngestApi.body(defaults)).isEqualTo(200);
		assertThat(IngestApi.json(defaults).path("published").asLong()).isEqualTo(100);
		assertThat(IngestApi.status(withNat)).as(IngestApi.body(withNat)).isEqualTo(200);
		assertThat(upstream.requestedQueries().get(1)).contains("results=30").contains("nat=us,gb").contains("page=1");
	}

	@Test
	void secondRunWhileOneIsGoingIsConflict() {
		upstream.enqueue(ScriptedResponse.delayed(Duration.ofSeconds(3)));
		CompletableFuture<MvcTestResult> first = CompletableFuture.supplyAsync(() -> api().run("{\"count\": 10}"));
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> upstream.requestCount() == 1);

		MvcTestResult second = api().run("{\"count\": 10}");

		assertThat(IngestApi.status(second)).isEqualTo(409);
		assertThat(IngestApi.contentType(second)).isEqualTo("application/problem+json");
		assertThat(IngestApi.status(first.join())).isEqualTo(200);
		assertThat(IngestApi.status(api().run("{\"count\": 10}"))).as("free again once the first has finished").isEqualTo(200);
	}

	@Test
	void readinessDependsOnKafkaNotOnTheUpstream() {
		upstream.enqueue(ScriptedResponse.status(503), 2);
		api().run("{\"count\": 10}");

		MvcTestResult readiness = api().get("/actuator/health/readiness");
		JsonNode health = IngestApi.json(api().get("/actuator/health"));

		assertThat(IngestApi.status(readiness)).isEqualTo(200);
		assertThat(IngestApi.json(readiness).path("components").has("kafka")).isTrue();
		assertThat(IngestApi.json(readiness).path("components").has("randomuser")).isFalse();
		assertThat(health.path("components").path("randomuser").path("details").path("lastOutcome").asString())
			.isEqualTo("5xx");
		int requestsAfterRun = upstream.requestCount();
		api().get("/actuator/health");
		assertThat(upstream.requestCount()).as("health never calls the upstream").isEqualTo(requestsAfterRun);
	}

	private IngestApi api() {
		return new IngestApi(this.mvc);
	}

}
