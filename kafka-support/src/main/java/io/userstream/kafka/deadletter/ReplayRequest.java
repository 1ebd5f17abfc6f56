package io.userstream.kafka.deadletter;

import java.util.List;

/** Which dead letters to replay: {@code {"all": true}} or {@code {"offsets": [{"partition": 0, "offset": 12}]}}. */
record ReplayRequest(Boolean all, List<Position> offsets) {

	static final int MAX_OFFSETS = 10_000;

	ReplayRequest {
		boolean everything = Boolean.TRUE.equals(all);
		boolean some = offsets != null && !offsets.isEmpty();
		if (everything == some) {
			throw new IllegalArgumentException("name either \"all\": true or a non-empty \"offsets\" list, not both");
		}
		if (some && offsets.size() > MAX_OFFSETS) {
			throw new IllegalArgumentException("at most " + MAX_OFFSETS + " offsets per request");
		}
		if (some && offsets.stream().anyMatch(position -> position == null || position.partition() == null
				|| position.offset() == null || position.partition() < 0 || position.offset() < 0)) {
			throw new IllegalArgumentException("every offset needs a partition and an offset, neither negative");
		}
	}

	boolean everything() {
		return Boolean.TRUE.equals(this.all);
	}

	/** A dead letter's place in its topic. */
	record Position(Integer partition, Long offset) {
	}

}
