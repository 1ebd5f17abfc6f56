package io.userstream.persist.sink;

/**
 * The sink's consumer group (its listener's id). Renaming it would drop the group's committed offsets
 * and read {@code label_topic} again from the start.
 */
public final class SinkGroup {

	public static final String ID = "persist-sink";

	private SinkGroup() {
	}

}
