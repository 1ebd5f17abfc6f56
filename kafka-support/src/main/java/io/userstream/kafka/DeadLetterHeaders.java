package io.userstream.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import org.springframework.kafka.support.KafkaHeaders;

/**
 * The headers a dead letter carries, under spring-kafka's own names and encodings (those of its
 * {@code DeadLetterPublishingRecoverer}), so every dead-letter topic of the pipeline reads the same
 * whichever stage wrote it.
 */
public final class DeadLetterHeaders {

	/**
	 * On a dead letter whose value was cut short to fit the producer's limit: the size it had, in bytes.
	 * Such a dead letter tells what arrived, but can never be replayed.
	 */
	public static final String ORIGINAL_VALUE_SIZE = "userstream_dlt-original-value-size";

	/** On a replayed record: the dead letter it came from, as {@code <dead-letter topic>-<partition>@<offset>}. */
	public static final String REPLAYED_FROM = "userstream_replayed-from";

	/** On a replayed record: how often its dead letters were replayed from that dead-letter topic, this time included. */
	public static final String REPLAY_COUNT = "userstream_replay-count";

	private DeadLetterHeaders() {
	}

	public static Headers describe(Headers headers, Throwable reason, String topic, int partition, long offset) {
		headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, bytes(reason.getClass().getName()));
		headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, bytes(String.valueOf(reason.getMessage())));
		headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, bytes(topic));
		headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(Integer.BYTES).putInt(partition).array());
		headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(offset).array());
		return headers;
	}

	/** Marks the dead letter's value as cut short from {@code originalSize} bytes. */
	public static Headers truncated(Headers headers, int originalSize) {
		headers.add(ORIGINAL_VALUE_SIZE, bytes(String.valueOf(originalSize)));
		return headers;
	}

	public static boolean isTruncated(Headers headers) {
		return headers.lastHeader(ORIGINAL_VALUE_SIZE) != null;
	}

	public static String reason(Headers headers) {
		return text(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE);
	}

	public static String exceptionClass(Headers headers) {
		return text(headers, KafkaHeaders.DLT_EXCEPTION_FQCN);
	}

	public static String originalTopic(Headers headers) {
		return text(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC);
	}

	public static Integer originalPartition(Headers headers) {
		var header = headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION);
		return header == null ? null : ByteBuffer.wrap(header.value()).getInt();
	}

	public static Long originalOffset(Headers headers) {
		var header = headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET);
		return header == null ? null : ByteBuffer.wrap(header.value()).getLong();
	}

	/** The trace id of the W3C {@code traceparent} header ({@code 00-<trace id>-<span id>-<flags>}), or null. */
	public static String traceId(Headers headers) {
		String traceparent = text(headers, "traceparent");
		return (traceparent != null && traceparent.length() >= 35) ? traceparent.substring(3, 35) : null;
	}

	/**
	 * How often the record these headers came with was replayed from {@code deadLetterTopic}: 0 for a
	 * record that never was, or that was replayed from another stage's dead letters and failed here first.
	 */
	public static int replayCount(Headers headers, String deadLetterTopic) {
		String from = text(headers, REPLAYED_FROM);
		String count = text(headers, REPLAY_COUNT);
		if (from == null || count == null || !from.startsWith(deadLetterTopic + "-")) {
			return 0;
		}
		try {
			return Integer.parseInt(count);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	/** Headers for a record replayed from a dead letter: its own, without the dead-letter and replay ones, plus the replay's. */
	public static Headers replayed(Headers deadLetter, String deadLetterTopic, int partition, long offset, int replayCount) {
		Headers headers = new RecordHeaders();
		for (Header header : deadLetter) {
			if (!header.key().startsWith(KafkaHeaders.PREFIX + "dlt-") && !header.key().equals(ORIGINAL_VALUE_SIZE)
					&& !header.key().equals(REPLAYED_FROM) && !header.key().equals(REPLAY_COUNT)) {
				headers.add(header);
			}
		}
		headers.add(REPLAYED_FROM, bytes(deadLetterTopic + "-" + partition + "@" + offset));
		headers.add(REPLAY_COUNT, bytes(String.valueOf(replayCount)));
		return headers;
	}

	private static String text(Headers headers, String key) {
		var header = headers.lastHeader(key);
		return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
