package io.userstream.ingest.fetch;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.stream.Stream;

import io.userstream.standin.RandomUserStandIn;
import io.userstream.standin.ScriptedResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Each of randomuser.me's answers, served by the stand-in over real HTTP, told apart as the retry needs. */
class AnswerClassifierTests {

	private static final RandomUserStandIn upstream = RandomUserStandIn.start(0);

	private static final PageQuery QUERY = new PageQuery("classifier", 2, 5, null);

	@BeforeEach
	void resetUpstream() {
		upstream.reset();
	}

	@AfterAll
	static void stopUpstream() {
		upstream.close();
	}

	@Test
	void goodAnswerGivesItsResults() {
		JsonNode results = request(upstream.baseUrl(), Duration.ofSeconds(30));

		assertThat(results.size()).isEqualTo(5);
	}

	@Test
	void tooManyRequestsCarriesRetryAfter() {
		upstream.enqueue(ScriptedResponse.tooManyRequests(Duration.ofSeconds(7)));

		UpstreamException failure = failure(upstream.baseUrl(), Duration.ofSeconds(30));

		assertThat(failure.outcome()).isEqualTo(UpstreamOutcome.TOO_MANY_REQUESTS);
		assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
		assertThat(failure.getMessage()).isEqualTo("randomuser.me answered 429, Retry-After 7 s");
	}

	static Stream<Arguments> failedAnswers() {
		return Stream.of(arguments(ScriptedResponse.html(503), UpstreamOutcome.SERVER_ERROR),
				arguments(ScriptedResponse.status(500), UpstreamOutcome.SERVER_ERROR),
				arguments(ScriptedResponse.status(400), UpstreamOutcome.CLIENT_ERROR),
				arguments(ScriptedResponse.status(404), UpstreamOutcome.CLIENT_ERROR),
				arguments(ScriptedResponse.garbage(), UpstreamOutcome.BAD_BODY),
				arguments(ScriptedResponse.html(200), UpstreamOutcome.BAD_BODY),
				arguments(new ScriptedResponse(200, Map.of(), "application/json", "{\"info\": {}}", Duration.ZERO),
						UpstreamOutcome.BAD_BODY),
				arguments(ScriptedResponse.emptyResults(), UpstreamOutcome.EMPTY));
	}

	@ParameterizedTest(name = "{1}: {0}")
	@MethodSource("failedAnswers")
	void failedAnswerIsClassified(ScriptedResponse answer, UpstreamOutcome outcome) {
		upstream.enqueue(answer);

		UpstreamException failure = failure(upstream.baseUrl(), Duration.ofSeconds(30));

		assertThat(failure.outcome()).isEqualTo(outcome);
		assertThat(failure.retryAfter()).isZero();
	}

	@Test
	void answerSlowerThanTheReadTimeoutIsATimeout() {
		upstream.enqueue(ScriptedResponse.delayed(Duration.ofSeconds(2)));

		assertThat(failure(upstream.baseUrl(), Duration.ofMillis(300)).outcome()).isEqualTo(UpstreamOutcome.TIMEOUT);
	}

	@Test
	void noServerIsAConnectionError() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}

		assertThat(failure("http://localhost:" + closedPort, Duration.ofSeconds(30)).outcome())
			.isEqualTo(UpstreamOutcome.CONNECTION_ERROR);
	}

	@Test
	void retryAfterInSeconds() {
		assertThat(AnswerClassifier.retryAfter("120")).isEqualTo(Duration.ofSeconds(120));
		assertThat(AnswerClassifier.retryAfter(" 7 ")).isEqualTo(Duration.ofSeconds(7));
		assertThat(AnswerClassifier.retryAfter("-3")).isZero();
	}

	@Test
	void retryAfterAsAnHttpDate() {
		String inAnHour = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusHours(1));
		String anHourAgo = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().minusHours(1));

		assertThat(AnswerClassifier.retryAfter(inAnHour)).isBetween(Duration.ofMinutes(59), Duration.ofHours(1));
		assertThat(AnswerClassifier.retryAfter(anHourAgo)).isZero();
	}

	@Test
	void retryAfterAbsentOrUnreadableIsZero() {
		assertThat(AnswerClassifier.retryAfter(null)).isZero();
		assertThat(AnswerClassifier.retryAfter(" ")).isZero();
		assertThat(AnswerClassifier.retryAfter("soon")).isZero();
	}

	private static JsonNode request(String baseUrl, Duration readTimeout) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory();
		requests.setReadTimeout(readTimeout);
		RestClient http = RestClient.builder().baseUrl(baseUrl).requestFactory(requests).build();
		try {
			return http.get()
				.uri("/api/1.4/?results={results}&seed={seed}", QUERY.results(), QUERY.seed())
				.exchange((request, response) -> AnswerClassifier.results(response, QUERY));
		}
		catch (ResourceAccessException ex) {
			throw AnswerClassifier.unanswered(ex);
		}
	}

	private static UpstreamException failure(String baseUrl, Duration readTimeout) {
		return catchThrowableOfType(UpstreamException.class, () -> request(baseUrl, readTimeout));
	}

}
