package io.userstream.ingest.run;

/** Another run, triggered or scheduled, has not finished. */
class RunInProgressException extends RuntimeException {

	RunInProgressException() {
		super("a run is already in progress; try again when it has finished");
	}

}
