package io.userstream.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Headers;

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
		var header = headers.lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE);
		return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
	}

	public static long originalOffset(Headers headers) {
		return ByteBuffer.wrap(headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET).value()).getLong();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
