package io.userstream.kafka.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.userstream.kafka.DeadLetterHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A dead letter as the API lists it.
 *
 * @param time the record's timestamp, which stages keep from the record that failed
 * @param value the value as UTF-8 text, at most {@code shownValueBytes} of it
 * @param valueShortened whether {@code value} shows only the start of what the dead letter holds
 * @param truncated whether the dead letter itself holds only the start of the record that failed (it
 *        was too large to be sent whole), which makes it not replayable
 * @param replays how often this record had been replayed from this dead-letter topic before it failed
 */
public record DeadLetter(int partition, long offset, String key, Instant time, String exceptionClass, String reason,
		String originalTopic, Integer originalPartition, Long originalOffset, String traceId, int replays,
		int valueBytes, String value, boolean valueShortened, boolean truncated) {

	static DeadLetter of(ConsumerRecord<String, byte[]> record, String deadLetterTopic, int shownValueBytes) {
		var headers = record.headers();
		byte[] value = (record.value() != null) ? record.value() : new byte[0];
		boolean shortened = value.length > shownValueBytes;
		return new DeadLetter(record.partition(), record.offset(), record.key(), Instant.ofEpochMilli(record.timestamp()),
				DeadLetterHeaders.exceptionClass(headers), DeadLetterHeaders.reason(headers),
				DeadLetterHeaders.originalTopic(headers), DeadLetterHeaders.originalPartition(headers),
				DeadLetterHeaders.originalOffset(headers),
				DeadLetterHeaders.traceId(headers), DeadLetterHeaders.replayCount(headers, deadLetterTopic), value.length,
				new String(value, 0, Math.min(value.length, shownValueBytes), StandardCharsets.UTF_8), shortened,
				DeadLetterHeaders.isTruncated(headers));
	}

}
