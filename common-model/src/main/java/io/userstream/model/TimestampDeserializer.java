package io.userstream.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads ISO-8601 with an offset, and every form Python's {@code str(datetime)} and {@code isoformat()}
 * give: the original scripts' naive {@code 2026-11-28 15:01:08[.451326]} means UTC, never the reader's
 * local zone; an aware one ({@code ...+00:00}) says its offset.
 */
class TimestampDeserializer extends ValueDeserializer<Instant> {

	private static final int[] NANOS_PER_DIGIT = { 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100,
			10, 1 };

	@Override
	public Instant deserialize(JsonParser parser, DeserializationContext context) {
		String text = parser.getValueAsString();
		if (text == null) {
			return (Instant) context.handleUnexpectedToken(Instant.class, parser);
		}
		try {
			return parse(text.trim());
		}
		catch (DateTimeParseException ex) {
			return (Instant) context.handleWeirdStringValue(Instant.class, text,
					"not an ISO-8601 or Python datetime timestamp");
		}
	}

	static Instant parse(String text) {
		Instant utc = parseUtc(text);
		return (utc != null) ? utc : parseWithFormatter(text);
	}

	/** Python's {@code str()} puts a space where ISO-8601 has a {@code T}; the rest is ISO with an optional offset. */
	static Instant parseWithFormatter(String text) {
		String iso = (text.length() > 10 && text.charAt(10) == ' ') ? text.substring(0, 10) + 'T' + text.substring(11)
				: text;
		TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, OffsetDateTime::from, LocalDateTime::from);
		return (parsed instanceof OffsetDateTime withOffset) ? withOffset.toInstant()
				: ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
	}

	/**
	 * The forms nearly every record carries, read by position because the formatter costs a quarter of a
	 * sink's CPU: {@code yyyy-MM-dd'T'HH:mm:ss[.f]} ({@code T} or a space, 1 to 9 fraction digits) in UTC
	 * ({@code Z}, {@code +00:00} or naive). {@code null} for anything else, or a field out of range, which
	 * the formatter then reads or refuses.
	 */
	private static Instant parseUtc(String text) {
		int end = text.length();
		if (text.endsWith("Z")) {
			end -= 1;
		}
		else if (text.endsWith("+00:00")) {
			end -= 6;
		}
		if (end < 19 || text.charAt(4) != '-' || text.charAt(7) != '-'
				|| (text.charAt(10) != 'T' && text.charAt(10) != ' ') || text.charAt(13) != ':'
				|| text.charAt(16) != ':') {
			return null;
		}
		int nanos = 0;
		if (end > 19) {
			int digits = end - 20;
			int fraction = digits(text, 20, end);
			if (text.charAt(19) != '.' || digits < 1 || digits > 9 || fraction < 0) {
				return null;
			}
			nanos = fraction * NANOS_PER_DIGIT[digits - 1];
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 7);
		int day = digits(text, 8, 10);
		int hour = digits(text, 11, 13);
		int minute = digits(text, 14, 16);
		int second = digits(text, 17, 19);
		if ((year | month | day | hour | minute | second) < 0) {
			return null;
		}
		try {
			return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeException outOfRange) {
			return null;
		}
	}

	/** The ASCII digits from {@code from} to {@code to} as a number, or -1 when one is not a digit. */
	private static int digits(String text, int from, int to) {
		int value = 0;
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

}
