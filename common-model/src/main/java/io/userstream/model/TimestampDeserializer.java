package io.userstream.model;

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

	/** Python's {@code str()} puts a space where ISO-8601 has a {@code T}; the rest is ISO with an optional offset. */
	static Instant parse(String text) {
		String iso = (text.length() > 10 && text.charAt(10) == ' ') ? text.substring(0, 10) + 'T' + text.substring(11)
				: text;
		TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, OffsetDateTime::from, LocalDateTime::from);
		return (parsed instanceof OffsetDateTime withOffset) ? withOffset.toInstant()
				: ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
	}

}
