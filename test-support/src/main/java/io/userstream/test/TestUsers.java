package io.userstream.test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.userstream.model.User;
import io.userstream.model.UserJson;

/** Users for tests, numbered so a failure names which one; and the original scripts' message form. */
public final class TestUsers {

	private static final DateTimeFormatter PYTHON_UTCNOW = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
		.withZone(ZoneOffset.UTC);

	private TestUsers() {
	}

	/** A valid user as ingest writes it to {@code users_info}. */
	public static User fetched(int number) {
		return new User(UUID.randomUUID(), "First" + number, "Last" + number, "female", number + " Test Rd, Testville",
				String.valueOf(10000 + number), "user" + number + "@example.com", "user" + number,
				"1990-01-01T00:00:00.000Z", "2020-01-01T00:00:00.000Z", "555-" + number,
				"https://randomuser.me/api/portraits/med/women/1.jpg", null, null);
	}

	/** A valid user as timestamp-service writes it to {@code timestamp_topic}. */
	public static User timestamped(int number) {
		return fetched(number).withTimestamp(Instant.now());
	}

	/** Our wire form. */
	public static byte[] json(User user) {
		return UserJson.write(user);
	}

	/**
	 * What the original kafka-python scripts sent: a numeric {@code post_code} and, once stamped, a
	 * naive {@code str(datetime.utcnow())} timestamp; they sent no key.
	 */
	public static byte[] originalScriptsJson(User user) {
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("id", user.id().toString());
		message.put("first_name", user.firstName());
		message.put("last_name", user.lastName());
		message.put("gender", user.gender());
		message.put("address", user.address());
		message.put("post_code", Long.parseLong(user.postCode()));
		message.put("email", user.email());
		message.put("username", user.username());
		message.put("dob", user.dob());
		message.put("registered_date", user.registeredDate());
		message.put("phone", user.phone());
		message.put("picture", user.picture());
		if (user.timestamp() != null) {
			message.put("timestamp", PYTHON_UTCNOW.format(user.timestamp()));
		}
		return UserJson.mapper().writeValueAsBytes(message);
	}

}
