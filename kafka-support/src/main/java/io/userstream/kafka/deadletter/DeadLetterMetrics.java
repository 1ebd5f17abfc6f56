package io.userstream.kafka.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.userstream.kafka.DeadLetterHeaders;
import org.apache.kafka.common.header.Headers;

/**
 * What a stage's dead-letter topic received ({@code userstream_dead_letters_total}, by exception
 * class, never by message, which can quote a record) and how many of those were replays that failed
 * again ({@code userstream_dead_letters_replays_failed_total}).
 */
public final class DeadLetterMetrics {

	private final MeterRegistry registry;

	private final String deadLetterTopic;

	private final Counter replaysFailed;

	public DeadLetterMetrics(MeterRegistry registry, String deadLetterTopic) {
		this.registry = registry;
		this.deadLetterTopic = deadLetterTopic;
		this.replaysFailed = Counter.builder("userstream.dead.letters.replays.failed")
			.description("Replayed records that were dead-lettered again")
			.tag("topic", deadLetterTopic)
			.register(registry);
	}

	/** Counts one dead letter, given the headers its record arrived with and why it failed. */
	public void deadLettered(Headers arrivedWith, Throwable reason) {
		Counter.builder("userstream.dead.letters")
			.description("Records sent to the dead-letter topic, by the class of the exception that sent them")
			.tag("topic", this.deadLetterTopic)
			.tag("exception", reason.getClass().getName())
			.register(this.registry)
			.increment();
		if (DeadLetterHeaders.replayCount(arrivedWith, this.deadLetterTopic) > 0) {
			this.replaysFailed.increment();
		}
	}

}
