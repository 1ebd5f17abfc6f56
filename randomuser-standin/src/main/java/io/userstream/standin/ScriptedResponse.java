package io.userstream.standin;

import java.time.Duration;
import java.util.Map;

/**
 * What the stand-in answers instead of a page of users, for tests of a flaky upstream. A
 * {@code null} body means "the users the request asked for", so {@link #users()} with a delay
 * is a slow but otherwise good answer.
 *
 * @param status the HTTP status
 * @param headers extra response headers, e.g. {@code Retry-After}
 * @param contentType the {@code Content-Type} sent with a scripted body
 * @param body the body, or {@code null} for the requested users
 * @param delay how long to wait before answering
 */
public record ScriptedResponse(int status, Map<String, String> headers, String contentType, String body,
		Duration delay) {

	private static final String JSON = "application/json; charset=utf-8";

	private static final String ERROR_BODY = "{\"error\":\"Uh oh, something has gone wrong. Please tweet us @randomapi about the issue. Thank you.\"}";

	/** The users the request asked for, as an unscripted request would get them. */
	public static ScriptedResponse users() {
		return new ScriptedResponse(200, Map.of(), JSON, null, Duration.ZERO);
	}

	/** The users, but only after {@code delay}: a server slower than the client's read timeout. */
	public static ScriptedResponse delayed(Duration delay) {
		return users().withDelay(delay);
	}

	/** randomuser.me's rate limit: 429 with a JSON error and {@code Retry-After} in whole seconds. */
	public static ScriptedResponse tooManyRequests(Duration retryAfter) {
		return new ScriptedResponse(429, Map.of("Retry-After", String.valueOf(retryAfter.toSeconds())), JSON,
				ERROR_BODY, Duration.ZERO);
	}

	/** An error status with randomuser.me's JSON error body. */
	public static ScriptedResponse status(int status) {
		return new ScriptedResponse(status, Map.of(), JSON, ERROR_BODY, Duration.ZERO);
	}

	/** An HTML page, as a proxy in front of an outage sends (e.g. 502 or 503, or even 200). */
	public static ScriptedResponse html(int status) {
		return new ScriptedResponse(status, Map.of(), "text/html; charset=utf-8",
				"<html><head><title>" + status + "</title></head><body><h1>Service Unavailable</h1></body></html>",
				Duration.ZERO);
	}

	/** HTTP 200 that claims JSON but is not. */
	public static ScriptedResponse garbage() {
		return new ScriptedResponse(200, Map.of(), JSON, "{\"results\": [{\"gender\": \"fem", Duration.ZERO);
	}

	/** HTTP 200 with {@code "results": []}, as randomuser.me answers during some outages. */
	public static ScriptedResponse emptyResults() {
		return new ScriptedResponse(200, Map.of(), JSON,
				"{\"results\":[],\"info\":{\"seed\":\"\",\"results\":0,\"page\":1,\"version\":\"1.4\"}}",
				Duration.ZERO);
	}

	public ScriptedResponse withDelay(Duration newDelay) {
		return new ScriptedResponse(this.status, this.headers, this.contentType, this.body, newDelay);
	}

}
