package io.userstream.ingest.fetch;

import java.time.Duration;

/** One failed request to randomuser.me; the retry decides from it whether and when to try again. */
class UpstreamException extends RuntimeException {

	private final UpstreamOutcome outcome;

	private final Duration retryAfter;

	UpstreamException(UpstreamOutcome outcome, String message, Duration retryAfter, Throwable cause) {
		super(message, cause, false, false);
		this.outcome = outcome;
		this.retryAfter = retryAfter;
	}

	UpstreamException(UpstreamOutcome outcome, String message) {
		this(outcome, message, Duration.ZERO, null);
	}

	UpstreamOutcome outcome() {
		return this.outcome;
	}

	/** What the server asked us to wait ({@code Retry-After}), zero when it did not say. */
	Duration retryAfter() {
		return this.retryAfter;
	}

}
