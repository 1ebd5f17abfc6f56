package io.userstream.ingest.run;

/**
 * What a run did.
 *
 * @param requested users asked for
 * @param fetched users randomuser.me returned
 * @param published users acknowledged by the broker on {@code users_info}
 * @param skipped users left out as invalid
 * @param failedRequests requests to randomuser.me that failed, retried ones included
 * @param durationMs from the first request to the last acknowledgement
 */
record RunSummary(int requested, long fetched, long published, long skipped, int failedRequests, long durationMs) {
}
