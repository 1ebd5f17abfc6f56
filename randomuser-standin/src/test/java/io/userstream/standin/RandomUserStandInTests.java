package io.userstream.standin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RandomUserStandInTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static RandomUserStandIn standIn;

	@BeforeAll
	static void start() {
		standIn = RandomUserStandIn.start(0);
	}

	@AfterAll
	static void stop() {
		standIn.close();
	}

	@BeforeEach
	void reset() {
		standIn.reset();
	}

	@Test
	void samePageGivesTheSameUsersAndAnotherPageOthers() {
		String first = get("/api/1.4/?results=50&seed=abc&page=1").body();
		String again = get("/api/1.4/?results=50&seed=abc&page=1").body();
		String secondPage = get("/api/1.4/?results=50&seed=abc&page=2").body();
		String otherSeed = get("/api/1.4/?results=50&seed=abd&page=1").body();

		assertThat(again).isEqualTo(first);
		assertThat(uuids(secondPage)).doesNotContainAnyElementsOf(uuids(first));
		assertThat(uuids(otherSeed)).doesNotContainAnyElementsOf(uuids(first));
		JsonNode info = JSON.readTree(secondPage).get("info");
		assertThat(info.get("seed").asString()).isEqualTo("abc");
		assertThat(info.get("results").asInt()).isEqualTo(50);
		assertThat(info.get("page").asInt()).isEqualTo(2);
		assertThat(info.get("version").asString()).isEqualTo("1.4");
	}

	@Test
	void aFullPageHasTheRealShapeAndQuirks() {
		HttpResponse<String> response = get("/api/1.4/?results=5000&seed=quirks&page=1");
		JsonNode users = JSON.readTree(response.body()).get("results");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
		assertThat(users.size()).isEqualTo(5000);
		Set<UUID> uuids = new HashSet<>();
		List<JsonNode> postcodes = new ArrayList<>();
		List<String> names = new ArrayList<>();
		List<String> phones = new ArrayList<>();
		List<JsonNode> idValues = new ArrayList<>();
		for (JsonNode user : users) {
			uuids.add(UUID.fromString(user.at("/login/uuid").asString()));
			postcodes.add(user.at("/location/postcode"));
			names.add(user.at("/name/first").asString() + " " + user.at("/name/last").asString());
			phones.add(user.get("phone").asString());
			idValues.add(user.at("/id/value"));
			assertThat(user.at("/location/street/number").isInt()).isTrue();
			assertThat(user.at("/dob/date").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
			assertThat(user.at("/picture/medium").asString()).startsWith("https://randomuser.me/api/portraits/med/");
			assertThat(user.get("email").asString()).endsWith("@example.com");
		}
		assertThat(uuids).hasSize(5000);
		assertThat(postcodes).anyMatch(JsonNode::isNumber).anyMatch(JsonNode::isString);
		assertThat(idValues).anyMatch(JsonNode::isNull).anyMatch(JsonNode::isString);
		assertThat(names).anyMatch(name -> name.contains("'")).anyMatch(name -> !name.matches("\\p{ASCII}*"));
		assertThat(phones).anyMatch(phone -> phone.matches(".*[A-Z].*"));
	}

	@Test
	void natRestrictsTheNationalities() {
		JsonNode users = JSON.readTree(get("/api/1.4/?results=200&seed=n&page=1&nat=us,GB").body()).get("results");

		Set<String> nats = new HashSet<>();
		users.forEach(user -> nats.add(user.get("nat").asString()));
		assertThat(nats).containsExactlyInAnyOrder("US", "GB");
	}

	@Test
	void readsTheQueryAsRandomUserDoes() {
		assertThat(JSON.readTree(get("/api/1.4/?results=5001&seed=x").body()).get("results").size()).isEqualTo(1);
		assertThat(JSON.readTree(get("/api/1.4/?results=many").body()).get("results").size()).isEqualTo(1);
		assertThat(JSON.readTree(get("/api/1.4/?results=3").body()).at("/info/seed").asString()).isNotBlank();
		assertThat(get("/api/1.3/?results=3").statusCode()).isEqualTo(404);
	}

	@Test
	void scriptedFaultsAnswerTheNextRequestsInOrder() {
		standIn.enqueue(ScriptedResponse.tooManyRequests(Duration.ofSeconds(2)));
		standIn.enqueue(ScriptedResponse.html(503), 2);
		standIn.enqueue(ScriptedResponse.status(500));
		standIn.enqueue(ScriptedResponse.garbage());
		standIn.enqueue(ScriptedResponse.emptyResults());

		HttpResponse<String> tooMany = get("/api/1.4/?results=5&seed=f");
		assertThat(tooMany.statusCode()).isEqualTo(429);
		assertThat(tooMany.headers().firstValue("Retry-After")).hasValue("2");
		assertThat(JSON.readTree(tooMany.body()).has("error")).isTrue();
		for (int i = 0; i < 2; i++) {
			HttpResponse<String> html = get("/api/1.4/?results=5&seed=f");
			assertThat(html.statusCode()).isEqualTo(503);
			assertThat(html.body()).startsWith("<html>");
		}
		assertThat(get("/api/1.4/?results=5&seed=f").statusCode()).isEqualTo(500);
		String garbage = get("/api/1.4/?results=5&seed=f").body();
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> JSON.readTree(garbage));
		assertThat(JSON.readTree(get("/api/1.4/?results=5&seed=f").body()).get("results").isEmpty()).isTrue();
		assertThat(JSON.readTree(get("/api/1.4/?results=5&seed=f").body()).get("results").size()).isEqualTo(5);
		assertThat(standIn.requestCount()).isEqualTo(7);
		assertThat(standIn.requestedQueries()).hasSize(7).allMatch(query -> query.equals("results=5&seed=f"));
	}

	@Test
	void aDelayedAnswerOutlastsAShortTimeout() {
		standIn.enqueue(ScriptedResponse.delayed(Duration.ofSeconds(2)));

		assertThatExceptionOfType(HttpTimeoutException.class)
			.isThrownBy(() -> HTTP.send(request("/api/1.4/?results=1").timeout(Duration.ofMillis(300)).build(),
					HttpResponse.BodyHandlers.ofString()));
		assertThat(get("/api/1.4/?results=1").statusCode()).isEqualTo(200);
	}

	@Test
	void servesLargePagesQuickly() {
		get("/api/1.4/?results=5000&seed=warmup");
		long start = System.nanoTime();
		int users = 0;
		for (int page = 1; page <= 10; page++) {
			users += JSON.readTree(get("/api/1.4/?results=5000&seed=speed&page=" + page).body()).get("results").size();
		}
		long millis = (System.nanoTime() - start) / 1_000_000;
		System.out.printf("randomuser stand-in: %d users in 10 requests, %d ms (%.0f users/s)%n", users, millis,
				users * 1000.0 / Math.max(1, millis));
		assertThat(users).isEqualTo(50_000);
	}

	private static Set<String> uuids(String body) {
		Set<String> uuids = new HashSet<>();
		JSON.readTree(body).get("results").forEach(user -> uuids.add(user.at("/login/uuid").asString()));
		return uuids;
	}

	private static HttpRequest.Builder request(String pathAndQuery) {
		return HttpRequest.newBuilder(URI.create(standIn.baseUrl() + pathAndQuery));
	}

	private static HttpResponse<String> get(String pathAndQuery) {
		try {
			return HTTP.send(request(pathAndQuery).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
