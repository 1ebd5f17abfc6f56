package io.userstream.kafka.deadletter;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Dead-letter listing and replay ({@code userstream.dead-letters.*}).
 *
 * @param maxReplays how often the dead letters of one record may be replayed; past that they stay
 *        where they are, listed as not replayable
 * @param shownValueBytes how much of a value a listing shows; the rest is cut and marked so
 * @param kafkaTimeout how long a listing or replay waits for the broker before answering 503
 */
@ConfigurationProperties("userstream.dead-letters")
public record DeadLetterProperties(@DefaultValue("3") int maxReplays, @DefaultValue("4096") int shownValueBytes,
		@DefaultValue("15s") Duration kafkaTimeout) {
}
