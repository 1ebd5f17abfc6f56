package io.userstream.ingest.run;

import io.userstream.ingest.fetch.UpstreamFailedException;

/**
 * A run that stopped short: what was fetched before the failure is published and in the summary. The
 * message is ours, fit for the caller; the cause, with the client library's words, is for the log.
 *
 * @see IngestErrors
 */
abstract sealed class RunFailedException extends RuntimeException {

	private final RunSummary summary;

	private final String outcome;

	private RunFailedException(String message, RunSummary summary, String outcome, Throwable cause) {
		super(message, cause);
		this.summary = summary;
		this.outcome = outcome;
	}

	RunSummary summary() {
		return this.summary;
	}

	/** The {@code outcome} tag of {@code ingest.runs}. */
	String outcome() {
		return this.outcome;
	}

	/** randomuser.me kept failing, so the run fetched no further. */
	static final class UpstreamFailed extends RunFailedException {

		UpstreamFailed(UpstreamFailedException cause, RunSummary summary) {
			super("randomuser.me kept failing: " + cause.getMessage(), summary, "upstream_failed", cause);
		}

	}

	/** The broker did not acknowledge every user the run sent. */
	static final class NotAcknowledged extends RunFailedException {

		NotAcknowledged(long unacknowledged, Throwable cause, RunSummary summary) {
			super("Kafka did not acknowledge " + unacknowledged + " users", summary,
					"publish_failed", cause);
		}

	}

}
