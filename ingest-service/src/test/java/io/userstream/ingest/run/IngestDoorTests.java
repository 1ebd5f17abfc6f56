package io.userstream.ingest.run;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.userstream.standin.ScriptedResponse;
import io.userstream.test.ApiDocument;
import io.userstream.test.ApiDoorContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.userstream.test.ApiDoorContract.send;
import static io.userstream.test.ApiDoorContract.withToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /ingest/run} over real HTTP: the token, every kind of bad body answered with its 4xx, and the
 * OpenAPI document that says so.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "ingest.schedule.enabled=false", "randomuser.retry.max-attempts=2",
				"randomuser.retry.initial-backoff=50ms" })
@ExtendWith(OutputCaptureExtension.class)
class IngestDoorTests extends StandInTests implements ApiDoorContract {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Override
	public int port() {
		return this.port;
	}

	@Override
	public int managementPort() {
		return this.managementPort;
	}

	@Override
	public HttpRequest.Builder protectedRequest() {
		return json("{\"count\": 5}");
	}

	@Test
	void withTheTokenARunGoesAhead() {
		HttpResponse<String> response = send(withToken(json("{\"count\": 5}")));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(JsonMapper.shared().readTree(response.body()).path("published").asInt()).isEqualTo(5);
	}

	@Test
	void withoutTheTokenNothingIsFetched() {
		send(json("{\"count\": 5}"));

		assertThat(upstream.requestCount()).isZero();
	}

	@Test
	void onlyJsonIsAccepted() {
		HttpResponse<String> form = send(withToken(HttpRequest.newBuilder(api("/ingest/run"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.noBody())));
		HttpResponse<String> text = send(withToken(HttpRequest.newBuilder(api("/ingest/run"))
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("{\"count\": 5}"))));
		HttpResponse<String> none = send(
				withToken(HttpRequest.newBuilder(api("/ingest/run")).POST(HttpRequest.BodyPublishers.noBody())));

		for (HttpResponse<String> response : List.of(form, text, none)) {
			assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}
		assertThat(upstream.requestCount()).isZero();
	}

	@Test
	void aBodyOver16KbIs413WithOrWithoutContentLength() {
		String large = "{\"count\": 5, \"seed\": \"" + "a".repeat(BodyLimit.MAX_BYTES) + "\"}";
		HttpResponse<String> sized = send(withToken(json(large)));
		HttpResponse<String> chunked = send(withToken(HttpRequest.newBuilder(api("/ingest/run"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofInputStream(() -> new ByteArrayInputStream(large.getBytes(StandardCharsets.UTF_8))))));

		for (HttpResponse<String> response : List.of(sized, chunked)) {
			assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}
		assertThat(upstream.requestCount()).isZero();
	}

	@Test
	void aBodyJustUnderTheLimitIsRead() {
		String padded = "{\"count\": 5" + " ".repeat(BodyLimit.MAX_BYTES - 20) + "}";

		assertThat(send(withToken(json(padded))).statusCode()).isEqualTo(200);
	}

	@Test
	void malformedJsonAndUnknownFieldsAre400InOurOwnWords() {
		HttpResponse<String> malformed = send(withToken(json("{\"count\": 5")));
		HttpResponse<String> unknown = send(withToken(json("{\"count\": 5, \"cnt\": 5}")));
		HttpResponse<String> wrongType = send(withToken(json("{\"count\": \"many\"}")));

		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(detail(malformed)).isEqualTo("malformed JSON");
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(detail(unknown)).startsWith("cnt: unknown field");
		assertThat(wrongType.statusCode()).isEqualTo(400);
		assertThat(detail(wrongType)).isEqualTo("count: not a value of the right type");
	}

	@Test
	void aFailedRunSaysNoHostOrUrlAndCarriesTheErrorIdOfItsLogLine(CapturedOutput output) {
		upstream.enqueue(ScriptedResponse.status(500), 2);

		HttpResponse<String> response = send(withToken(json("{\"count\": 5}")));

		assertThat(response.statusCode()).isEqualTo(502);
		JsonNode problem = JsonMapper.shared().readTree(response.body());
		String errorId = problem.path("errorId").asString();
		assertThat(errorId).isNotBlank();
		assertThat(response.body()).doesNotContain("localhost", "127.0.0.1", "http:", "Exception");
		assertThat(output.getOut()).contains("errorId=" + errorId);
	}

	@Test
	void theApiDocumentGivesEveryStatusARunAnswers() {
		ApiDocument document = ApiDocument.of(api("/"));

		assertThat(document.operations()).containsExactly("POST /ingest/run");
		document.assertOperation("POST", "/ingest/run", 200, 400, 401, 409, 413, 415, 500, 502, 503);
	}

	private HttpRequest.Builder json(String body) {
		return HttpRequest.newBuilder(api("/ingest/run"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

	private static String detail(HttpResponse<String> response) {
		return JsonMapper.shared().readTree(response.body()).path("detail").asString();
	}

}
