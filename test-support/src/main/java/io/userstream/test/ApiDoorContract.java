package io.userstream.test;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every service's HTTP door promises, checked over real HTTP against a service started on random
 * ports ({@code @SpringBootTest(webEnvironment = RANDOM_PORT, properties = "management.server.port=0")}):
 * the API needs the bearer token, the probes are open without details, the actuator is open on its own
 * port on 127.0.0.1 only, the OpenAPI document and Swagger UI open without asking any other site, no
 * cookies, no CORS. A service's own tests add what the token lets through, and what its document says
 * of each operation ({@link ApiDocument}).
 */
public interface ApiDoorContract {

	/** The API port, from {@code @LocalServerPort}. */
	int port();

	/** The actuator's port, from {@code @LocalManagementPort}. */
	int managementPort();

	/** A request the API answers only with the token (without {@code Authorization}). */
	HttpRequest.Builder protectedRequest();

	@Test
	default void withoutTokenTheApiAnswers401AskingForABearerToken() {
		HttpResponse<String> response = send(protectedRequest());

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"status\":401");
	}

	@Test
	default void aWrongTokenOrSchemeIs401() {
		assertThat(send(protectedRequest().header("Authorization", "Bearer " + TestApiToken.value() + "x")).statusCode())
			.isEqualTo(401);
		assertThat(send(protectedRequest().header("Authorization", "Bearer ")).statusCode()).isEqualTo(401);
		assertThat(send(protectedRequest().header("Authorization", "Basic " + TestApiToken.value())).statusCode())
			.isEqualTo(401);
	}

	@Test
	default void probesAnswerWithoutTokenAndWithoutDetails() {
		for (String probe : new String[] { "/livez", "/readyz" }) {
			HttpResponse<String> response = send(HttpRequest.newBuilder(api(probe)));
			for (long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos(); response.statusCode() != 200
					&& System.nanoTime() < deadline; response = send(HttpRequest.newBuilder(api(probe)))) {
				// a stream stage is ready once its streams run
				sleep(Duration.ofMillis(200));
			}
			assertThat(response.statusCode()).as(probe).isEqualTo(200);
			assertThat(response.body()).as(probe).isEqualTo("{\"status\":\"UP\"}");
		}
	}

	@Test
	default void actuatorIsOnlyOnTheManagementPortOpenWithDetails() {
		HttpResponse<String> health = send(HttpRequest.newBuilder(management("/actuator/health")));
		HttpResponse<String> prometheus = send(HttpRequest.newBuilder(management("/actuator/prometheus")));

		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"components\"", "\"details\"");
		assertThat(prometheus.statusCode()).isEqualTo(200);
		assertThat(prometheus.body()).contains("application=");
		assertThat(send(HttpRequest.newBuilder(api("/actuator/health"))).statusCode()).isEqualTo(401);
		assertThat(send(withToken(HttpRequest.newBuilder(api("/actuator/prometheus")))).statusCode()).isEqualTo(404);
	}

	@Test
	default void managementPortListensOnLoopbackOnly() throws IOException {
		Optional<InetAddress> outside = nonLoopbackAddress();
		assumeTrue(outside.isPresent(), "this host has no address but loopback");
		assertThat(accepts(outside.get(), managementPort())).as("management port on " + outside.get()).isFalse();
		assertThat(accepts(outside.get(), port())).as("API port on " + outside.get()).isTrue();
	}

	@Test
	default void theApiDocumentAndSwaggerUiAnswerWithoutTheToken() {
		HttpResponse<String> document = send(HttpRequest.newBuilder(api("/v3/api-docs")));
		HttpResponse<String> entry = send(HttpRequest.newBuilder(api("/swagger-ui.html")));
		HttpResponse<String> page = send(HttpRequest.newBuilder(api("/swagger-ui/index.html")));

		assertThat(document.statusCode()).as(document.body()).isEqualTo(200);
		assertThat(document.body()).contains("\"openapi\"");
		assertThat(entry.statusCode()).isEqualTo(302);
		assertThat(entry.headers().firstValue("Location")).hasValueSatisfying(
				location -> assertThat(location).endsWith("/swagger-ui/index.html"));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("swagger-ui");
		assertThat(send(protectedRequest()).statusCode()).as("the API itself").isEqualTo(401);
		assertThat(send(HttpRequest.newBuilder(api("/v3/api-docs")).POST(HttpRequest.BodyPublishers.noBody()))
			.statusCode()).as("only GET is open").isEqualTo(401);
	}

	@Test
	default void swaggerUiAsksNoOtherSite() {
		for (String path : new String[] { "/swagger-ui/index.html", "/swagger-ui/swagger-initializer.js",
				"/v3/api-docs/swagger-config" }) {
			HttpResponse<String> response = send(HttpRequest.newBuilder(api(path)));

			assertThat(response.statusCode()).as(path).isEqualTo(200);
			assertThat(Pattern.compile("\\w+://[^\"'\\s]*").matcher(response.body()).results().map(MatchResult::group))
				.as(path)
				.allMatch(url -> url.startsWith(api("/").toString()));
			assertThat(response.body()).as(path).doesNotContain("petstore", "validator.swagger.io");
		}
		JsonNode config = JsonMapper.shared().readTree(send(HttpRequest.newBuilder(api("/v3/api-docs/swagger-config"))).body());
		// missing, it would have Swagger UI send the document to swagger.io's online validator
		assertThat(config.path("validatorUrl").isString()).as(config.toString()).isTrue();
		assertThat(config.path("validatorUrl").asString()).isIn("", "none");
	}

	@Test
	default void theApiDocumentListsNeitherTheProbesNorTheActuator() {
		JsonNode config = JsonMapper.shared().readTree(send(HttpRequest.newBuilder(api("/v3/api-docs/swagger-config"))).body());

		assertThat(config.path("url").asString()).as("the one document, " + config).isEqualTo("/v3/api-docs");
		assertThat(config.has("urls")).as("no other document, such as the actuator's: " + config).isFalse();
		assertThat(ApiDocument.of(api("/")).operations())
			.noneMatch(operation -> operation.matches("\\S+ /(livez|readyz|actuator|error)(/.*)?"));
	}

	@Test
	default void noResponseSetsACookie() {
		for (HttpRequest.Builder request : new HttpRequest.Builder[] { protectedRequest(), withToken(protectedRequest()),
				HttpRequest.newBuilder(api("/readyz")), HttpRequest.newBuilder(management("/actuator/health")) }) {
			assertThat(send(request).headers().allValues("Set-Cookie")).isEmpty();
		}
	}

	@Test
	default void aCrossOriginPreflightIsNotAllowed() {
		HttpRequest.Builder preflight = HttpRequest.newBuilder(protectedRequest().build().uri())
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", "https://elsewhere.example")
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "authorization,content-type");

		assertThat(send(preflight).headers().map()).doesNotContainKey("access-control-allow-origin");
		assertThat(send(withToken(preflight)).headers().map()).doesNotContainKey("access-control-allow-origin");
	}

	default URI api(String path) {
		return URI.create("http://localhost:" + port() + path);
	}

	default URI management(String path) {
		return URI.create("http://localhost:" + managementPort() + path);
	}

	static HttpRequest.Builder withToken(HttpRequest.Builder request) {
		return request.header("Authorization", "Bearer " + TestApiToken.value());
	}

	static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** An IPv4 address of this host that is not loopback: how another machine would reach it. */
	static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
		return NetworkInterface.networkInterfaces()
			.filter(network -> {
				try {
					return network.isUp() && !network.isLoopback();
				}
				catch (SocketException ex) {
					return false;
				}
			})
			.flatMap(NetworkInterface::inetAddresses)
			.filter(Inet4Address.class::isInstance)
			.findFirst();
	}

	static boolean accepts(InetAddress address, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(address, port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
