package io.userstream.ingest.fetch;

import java.util.List;

import io.userstream.model.User;

/**
 * What one page brought.
 *
 * @param users the valid users, formatted, in the upstream's order
 * @param skipped users that failed validation and are left out
 * @param failedRequests requests for this page that failed before one succeeded
 */
public record FetchedPage(List<User> users, int skipped, int failedRequests) {

	/** Users in the answer, valid or not. */
	public int fetched() {
		return this.users.size() + this.skipped;
	}

}
