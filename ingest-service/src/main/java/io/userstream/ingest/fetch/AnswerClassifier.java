package io.userstream.ingest.fetch;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.ResourceAccessException;

/**
 * Tells a usable answer of randomuser.me from a failed request: the {@code results} of a good answer,
 * else an {@link UpstreamException} saying how the request failed.
 */
final class AnswerClassifier {

	private AnswerClassifier() {
	}

	/**
	 * The answer's {@code results}, never empty.
	 * @throws UpstreamException when the status, the body or its results say the request failed
	 */
	static JsonNode results(ClientHttpResponse response, PageQuery query) throws IOException {
		HttpStatusCode status = response.getStatusCode();
		if (status.value() == 429) {
			Duration retryAfter = retryAfter(response.getHeaders().getFirst("Retry-After"));
			throw new UpstreamException(UpstreamOutcome.TOO_MANY_REQUESTS,
					"randomuser.me answered 429, Retry-After " + retryAfter.toSeconds() + " s", retryAfter, null);
		}
		if (status.is5xxServerError()) {
			throw new UpstreamException(UpstreamOutcome.SERVER_ERROR, "randomuser.me answered " + status.value());
		}
		if (!status.is2xxSuccessful()) {
			throw new UpstreamException(UpstreamOutcome.CLIENT_ERROR, "randomuser.me answered " + status.value());
		}
		JsonNode results;
		try {
			results = JsonMapper.shared().readTree(response.getBody()).path("results");
		}
		catch (JacksonException ex) {
			throw new UpstreamException(UpstreamOutcome.BAD_BODY, "randomuser.me answered " + status.value()
					+ " with a body that is not JSON (" + response.getHeaders().getContentType() + ")");
		}
		if (!results.isArray()) {
			throw new UpstreamException(UpstreamOutcome.BAD_BODY, "randomuser.me answered JSON without results");
		}
		if (results.isEmpty()) {
			throw new UpstreamException(UpstreamOutcome.EMPTY,
					"randomuser.me answered no results for page " + query.page());
		}
		return results;
	}

	/**
	 * A request that got no answer: it timed out, or found no connection. The client's message, which
	 * names the URL, stays with the cause, for the log only.
	 */
	static UpstreamException unanswered(ResourceAccessException ex) {
		UpstreamOutcome outcome = timedOut(ex) ? UpstreamOutcome.TIMEOUT : UpstreamOutcome.CONNECTION_ERROR;
		return new UpstreamException(outcome, "randomuser.me " + outcome.tag(), Duration.ZERO, ex);
	}

	private static boolean timedOut(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SocketTimeoutException || cause instanceof HttpTimeoutException) {
				return true;
			}
		}
		return false;
	}

	/** {@code Retry-After} in seconds or as an HTTP date; zero when absent or unreadable. */
	static Duration retryAfter(String header) {
		if (header == null || header.isBlank()) {
			return Duration.ZERO;
		}
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
		}
		catch (NumberFormatException notSeconds) {
			try {
				Duration until = Duration.between(ZonedDateTime.now(),
						ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
				return until.isNegative() ? Duration.ZERO : until;
			}
			catch (DateTimeParseException notDate) {
				return Duration.ZERO;
			}
		}
	}

}
