package io.userstream.ingest.fetch;

/** randomuser.me still failed after the retries, or answered in a way a retry cannot fix. */
public class UpstreamFailedException extends RuntimeException {

	private final int failedRequests;

	UpstreamFailedException(UpstreamException last, int failedRequests) {
		super(last.getMessage() + " (" + failedRequests + " failed requests for this page)", last);
		this.failedRequests = failedRequests;
	}

	public int failedRequests() {
		return this.failedRequests;
	}

}
