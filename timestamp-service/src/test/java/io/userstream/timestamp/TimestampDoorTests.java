package io.userstream.timestamp;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.userstream.test.ApiDocument;
import io.userstream.test.ApiDoorContract;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.userstream.test.ApiDoorContract.send;
import static io.userstream.test.ApiDoorContract.withToken;
import static org.assertj.core.api.Assertions.assertThat;

/** A stream stage serves only its dead letters: the probes and the management port open, a token for the rest. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "spring.kafka.streams.application-id=timestamp-door-${random.uuid}" })
class TimestampDoorTests implements ApiDoorContract {

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
		return HttpRequest.newBuilder(api("/anything"));
	}

	@Test
	void withTheTokenAnUnknownPathIsAPlain404() {
		HttpResponse<String> response = send(withToken(protectedRequest()));

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void theApiDocumentGivesEveryStatusOfTheDeadLetterEndpoints() {
		ApiDocument document = ApiDocument.of(api("/"));

		assertThat(document.operations()).containsExactly("GET /dead-letters", "GET /dead-letters/summary",
				"POST /dead-letters/replay");
		document.assertDeadLetterOperations();
	}

}
