package io.userstream.ingest.run;

import org.springframework.http.HttpStatus;

/**
 * A run that stopped short: what was fetched before the failure is published and in the summary.
 *
 * @see IngestErrors
 */
class RunFailedException extends RuntimeException {

	private final RunSummary summary;

	private final HttpStatus status;

	RunFailedException(String message, RunSummary summary, HttpStatus status, Throwable cause) {
		super(message, cause);
		this.summary = summary;
		this.status = status;
	}

	RunSummary summary() {
		return this.summary;
	}

	HttpStatus status() {
		return this.status;
	}

}
