package io.userstream.persist.user;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.userstream.test.ApiDocument;
import io.userstream.test.ApiDoorContract;
import io.userstream.test.TestKafka;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.userstream.test.ApiDoorContract.send;
import static io.userstream.test.ApiDoorContract.withToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read API's door over real HTTP: names, emails and phones only for a caller with the token; the
 * OpenAPI document gives every status each read answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "management.server.port=0")
class PersistDoorTests implements ApiDoorContract {

	@DynamicPropertySource
	static void topic(DynamicPropertyRegistry registry) {
		registry.add("userstream.topics.label", () -> TestKafka.uniqueTopic("label"));
	}

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
		return HttpRequest.newBuilder(api("/users?size=1"));
	}

	@Test
	void withTheTokenTheUsersAndTheirStatsAreRead() {
		HttpResponse<String> users = send(withToken(protectedRequest()));
		HttpResponse<String> stats = send(withToken(HttpRequest.newBuilder(api("/users/stats"))));

		assertThat(users.statusCode()).as(users.body()).isEqualTo(200);
		assertThat(users.body()).contains("\"users\"");
		assertThat(stats.statusCode()).as(stats.body()).isEqualTo(200);
		assertThat(send(HttpRequest.newBuilder(api("/users/stats"))).statusCode()).isEqualTo(401);
	}

	@Test
	void theApiDocumentGivesEveryStatusOfEveryOperation() {
		ApiDocument document = ApiDocument.of(api("/"));

		assertThat(document.operations()).containsExactly("GET /dead-letters", "GET /dead-letters/summary",
				"GET /pipeline", "GET /users", "GET /users/stats", "GET /users/{id}", "POST /dead-letters/replay");
		document.assertDeadLetterOperations();
		document.assertOperation("GET", "/pipeline", 200, 401, 500);
		document.assertOperation("GET", "/users", 200, 400, 401, 500, 503);
		document.assertOperation("GET", "/users/{id}", 200, 400, 401, 404, 500, 503);
		document.assertOperation("GET", "/users/stats", 200, 401, 500, 503);
	}

}
