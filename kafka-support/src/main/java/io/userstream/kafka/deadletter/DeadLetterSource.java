package io.userstream.kafka.deadletter;

import io.userstream.model.Topics;

/**
 * The topic whose dead letters a service owns: the one it consumes. Declaring this bean gives the
 * service the dead-letter endpoints, their reader and the replay.
 */
public record DeadLetterSource(String topic) {

	public String deadLetterTopic() {
		return Topics.deadLetterOf(this.topic);
	}

	/** The compacted topic that notes each replayed dead letter, so none is replayed twice. */
	public String replayNotesTopic() {
		return deadLetterTopic() + "-replays";
	}

	/** One transactional id for every instance of the service, so that replays fence each other. */
	String replayTransactionalId() {
		return deadLetterTopic() + "-replay";
	}

}
