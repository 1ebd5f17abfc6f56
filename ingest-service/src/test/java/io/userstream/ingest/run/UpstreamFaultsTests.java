package io.userstream.ingest.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.userstream.standin.ScriptedResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** A flaky randomuser.me, scripted on a local stand-in: each fault is retried, counted and summarised. */
@AutoConfigureMockMvc
@SpringBootTest(properties = { "ingest.schedule.enabled=false", "randomuser.retry.max-attempts=3",
				"randomuser.retry.initial-backoff=50ms", "randomuser.retry.max-backoff=5s",
				"spring.http.clients.read-timeout=1s", "randomuser.page-size=50" })
class UpstreamFaultsTests extends StandInTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	MeterRegistry meters;

	@Test
	void tooManyRequestsIsRetriedNoSoonerThanRetryAfter() {
		upstream.enqueue(ScriptedResponse.tooManyRequests(Duration.ofSeconds(2)));
		double before = requests("429");

		JsonNode summary = succeeded(run(20));

		assertThat(summary.path("published").asLong()).isEqualTo(20);
		assertThat(summary.path("failedRequests").asInt()).isEqualTo(1);
		assertThat(summary.path("durationMs").asLong()).isGreaterThanOrEqualTo(2000);
		assertThat(requests("429") - before).isEqualTo(1);
		assertThat(upstream.requestCount()).isEqualTo(2);
		assertThat(meters.get("http.client.requests").tag("status", "429").timer().count())
			.as("Boot's client observation sees every attempt")
			.isPositive();
	}

	static Stream<Arguments> passingFaults() {
		return Stream.of(arguments("5xx", List.of(ScriptedResponse.html(503))),
				arguments("empty", List.of(ScriptedResponse.emptyResults())),
				arguments("bad_body", List.of(ScriptedResponse.garbage(), ScriptedResponse.html(200))),
				arguments("timeout", List.of(ScriptedResponse.delayed(Duration.ofSeconds(3)))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("passingFaults")
	void faultThatPassesIsRetriedAndCounted(String outcome, List<ScriptedResponse> faults) {
		faults.forEach(upstream::enqueue);
		double before = requests(outcome);

		JsonNode summary = succeeded(run(20));

		assertThat(summary.path("fetched").asLong()).isEqualTo(20);
		assertThat(summary.path("published").asLong()).isEqualTo(20);
		assertThat(summary.path("failedRequests").asInt()).isEqualTo(faults.size());
		assertThat(requests(outcome) - before).isEqualTo(faults.size());
		assertThat(upstream.requestCount()).isEqualTo(faults.size() + 1);
	}

	@Test
	void upstreamStillFailingAfterTheRetriesIsBadGatewayWithTheSummarySoFar() {
		upstream.enqueue(ScriptedResponse.users());
		upstream.enqueue(ScriptedResponse.status(500), 3);
		double failedRuns = meters.counter("ingest.runs", "trigger", "api", "outcome", "upstream_failed").count();

		MvcTestResult response = run(70);

		assertThat(IngestApi.status(response)).isEqualTo(502);
		assertThat(IngestApi.contentType(response)).isEqualTo("application/problem+json");
		JsonNode problem = IngestApi.json(response);
		assertThat(problem.path("detail").asString()).contains("500");
		assertThat(problem.path("requested").asInt()).isEqualTo(70);
		assertThat(problem.path("fetched").asLong()).isEqualTo(50);
		assertThat(problem.path("published").asLong()).isEqualTo(50);
		assertThat(problem.path("failedRequests").asInt()).isEqualTo(3);
		assertThat(upstream.requestCount()).as("one good page, then three attempts at the second").isEqualTo(4);
		assertThat(meters.counter("ingest.runs", "trigger", "api", "outcome", "upstream_failed").count())
			.isEqualTo(failedRuns + 1);
		JsonNode health = IngestApi.json(api().get("/actuator/health")).path("components").path("randomuser");
		assertThat(health.path("status").asString()).isEqualTo("UP");
		assertThat(health.path("details").path("lastOutcome").asString()).isEqualTo("5xx");
	}

	@Test
	void invalidUsersAreSkippedAndCountedNeverPublished() {
		upstream.enqueue(new ScriptedResponse(200, Map.of(), "application/json", """
				{"results": [
				  {"name": {"first": "Zoë", "last": "D'Arcy"}, "email": "zoe@example.com",
				   "login": {"uuid": "0b7e3a52-3c55-4f63-a1f1-2f1e3f0a9e11", "username": "bluecat1"}},
				  {"name": {"first": "No", "last": "Email"}, "login": {"uuid": "not-a-uuid", "username": "x"}},
				  "not a user"
				], "info": {"seed": "s", "results": 3, "page": 1, "version": "1.4"}}
				""", Duration.ZERO));
		double skippedBefore = meters.counter("ingest.users.skipped").count();

		JsonNode summary = succeeded(run(3));

		assertThat(summary.path("fetched").asLong()).isEqualTo(3);
		assertThat(summary.path("skipped").asLong()).isEqualTo(2);
		assertThat(summary.path("published").asLong()).isEqualTo(1);
		assertThat(meters.counter("ingest.users.skipped").count() - skippedBefore).isEqualTo(2);
	}

	@Test
	void clientErrorIsNotRetried() {
		upstream.enqueue(ScriptedResponse.status(400));

		MvcTestResult response = run(20);

		assertThat(IngestApi.status(response)).isEqualTo(502);
		assertThat(IngestApi.json(response).path("failedRequests").asInt()).isEqualTo(1);
		assertThat(upstream.requestCount()).isEqualTo(1);
	}

	@Test
	void retryAfterLongerThanTheLongestBackoffEndsTheRunAtOnce() {
		upstream.enqueue(ScriptedResponse.tooManyRequests(Duration.ofMinutes(10)));

		MvcTestResult response = run(20);

		assertThat(IngestApi.status(response)).isEqualTo(502);
		assertThat(IngestApi.json(response).path("detail").asString()).contains("429");
		assertThat(upstream.requestCount()).isEqualTo(1);
	}

	private MvcTestResult run(int count) {
		return api().run("{\"count\": " + count + "}");
	}

	private JsonNode succeeded(MvcTestResult response) {
		assertThat(IngestApi.status(response)).as(IngestApi.body(response)).isEqualTo(200);
		return IngestApi.json(response);
	}

	private double requests(String outcome) {
		return meters.counter("ingest.upstream.requests", "outcome", outcome).count();
	}

	private IngestApi api() {
		return new IngestApi(this.mvc);
	}

}
