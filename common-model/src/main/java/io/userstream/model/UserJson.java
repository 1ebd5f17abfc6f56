package io.userstream.model;

import java.time.Instant;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes the wire form of {@link User}; the Kafka serdes and the stream stages share it. */
public final class UserJson {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private UserJson() {
	}

	public static JsonMapper mapper() {
		return MAPPER;
	}

	public static byte[] write(User user) {
		return MAPPER.writeValueAsBytes(user);
	}

	/** Reads a timestamp as the wire allows it: ISO-8601 with an offset, or naive (the original scripts') meaning UTC. */
	public static Instant parseTimestamp(String text) {
		return TimestampDeserializer.parse(text.trim());
	}

	/**
	 * Parses a message and checks it against the stage that wrote it.
	 * @throws InvalidUserException naming why the message is not a valid user
	 */
	public static User read(byte[] json, Stage writtenBy) {
		if (json == null || json.length == 0) {
			throw new InvalidUserException("empty message");
		}
		User user;
		try {
			user = MAPPER.readValue(json, User.class);
		}
		catch (JacksonException ex) {
			throw new InvalidUserException("not a user JSON: " + ex.getOriginalMessage(), ex);
		}
		if (user == null) {
			throw new InvalidUserException("not a user JSON: null");
		}
		List<String> violations = writtenBy.violations(user);
		if (!violations.isEmpty()) {
			throw new InvalidUserException("invalid user: " + String.join(", ", violations));
		}
		return user;
	}

}
