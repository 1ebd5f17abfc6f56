package io.userstream.kafka.deadletter;

import java.util.List;

/**
 * What a replay did: how many dead letters went back to the source topic, how many were skipped
 * because they had been replayed before, and those that cannot be replayed, with why.
 */
record ReplaySummary(int replayed, int alreadyReplayed, List<NotReplayable> notReplayable) {

	record NotReplayable(int partition, long offset, String reason) {
	}

}
