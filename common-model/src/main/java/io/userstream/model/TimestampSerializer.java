package io.userstream.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/** Writes ISO-8601 UTC at microsecond precision, the finest PostgreSQL keeps. */
class TimestampSerializer extends ValueSerializer<Instant> {

	@Override
	public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
		generator.writeString(value.truncatedTo(ChronoUnit.MICROS).toString());
	}

}
