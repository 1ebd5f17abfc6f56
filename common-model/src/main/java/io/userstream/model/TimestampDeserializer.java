package io.userstream.model;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads ISO-8601 with an offset, and the original scripts' {@code str(datetime.utcnow())}: a naive
 * {@code 2026-11-28 15:01:08[.451326]} that means UTC, never the reader's local zone.
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
					"not an ISO-8601 or Python utcnow() timestamp");
		}
	}

	static Instant parse(String text) {
		try {
			return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
		}
		catch (DateTimeParseException notOffset) {
			return LocalDateTime.parse(text.replace(' ', 'T'), DateTimeFormatter.ISO_LOCAL_DATE_TIME)
				.toInstant(ZoneOffset.UTC);
		}
	}

}
