package io.userstream.ingest.fetch;

/** How one request to randomuser.me ended; the {@code outcome} tag of {@code ingest.upstream.requests}. */
enum UpstreamOutcome {

	OK("ok", false),

	TOO_MANY_REQUESTS("429", true),

	SERVER_ERROR("5xx", true),

	/** Any other 4xx: the request itself is wrong, so repeating it cannot help. */
	CLIENT_ERROR("4xx", false),

	TIMEOUT("timeout", true),

	CONNECTION_ERROR("connection_error", true),

	/** HTML from a proxy, truncated JSON, JSON without {@code results}. */
	BAD_BODY("bad_body", true),

	/** {@code "results": []}, which randomuser.me sends during some outages. */
	EMPTY("empty", true);

	private final String tag;

	private final boolean retryable;

	UpstreamOutcome(String tag, boolean retryable) {
		this.tag = tag;
		this.retryable = retryable;
	}

	String tag() {
		return this.tag;
	}

	boolean retryable() {
		return this.retryable;
	}

}
