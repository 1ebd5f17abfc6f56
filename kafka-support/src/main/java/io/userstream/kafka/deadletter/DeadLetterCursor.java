package io.userstream.kafka.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where the next page of dead letters starts: for each partition, the offset below which it goes on.
 * Opaque to clients; a partition it does not name (one added since) starts from its end.
 */
public record DeadLetterCursor(Map<Integer, Long> uppers) {

	public static DeadLetterCursor decode(String encoded) {
		try {
			String text = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.US_ASCII);
			Map<Integer, Long> uppers = new TreeMap<>();
			for (String position : text.split(",")) {
				String[] parts = position.split(":", 2);
				if (uppers.put(Integer.parseInt(parts[0]), Long.parseLong(parts[1])) != null) {
					throw new IllegalArgumentException("a partition twice");
				}
			}
			return new DeadLetterCursor(uppers);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("before is not a cursor this service gave out");
		}
	}

	long upper(int partition) {
		return this.uppers.getOrDefault(partition, Long.MAX_VALUE);
	}

	String encoded() {
		String text = this.uppers.entrySet().stream()
			.map(upper -> upper.getKey() + ":" + upper.getValue())
			.collect(Collectors.joining(","));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
	}

}
