package io.userstream.test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.userstream.model.Stage;
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

	/**
	 * These users as they came out on {@code topic}, read_committed and keyed by id; fails unless each
	 * of them came out exactly once (a quiet two seconds after the last lets duplicates show).
	 */
	public static Map<String, User> committedOnce(String topic, List<User> users, Stage writtenBy) {
		Set<String> keys = users.stream().map(user -> user.id().toString()).collect(Collectors.toSet());
		Map<String, User> out = new HashMap<>();
		for (var record : TestKafka.readCommitted(List.of(topic), users.size(), Duration.ofMinutes(1), Duration.ofSeconds(2))) {
			if (keys.contains(record.key()) && out.put(record.key(), UserJson.read(record.value(), writtenBy)) != null) {
				throw new AssertionError("Key " + record.key() + " came out more than once on " + topic);
			}
		}
		if (!out.keySet().equals(keys)) {
			throw new AssertionError((keys.size() - out.size()) + " of " + keys.size() + " users missing from " + topic);
		}
		return out;
	}

}
