package io.userstream.persist.sink;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.userstream.kafka.DeadLetterHeaders;
import io.userstream.model.Topics;
import io.userstream.model.User;
import io.userstream.model.UserJson;
import io.userstream.persist.Users;
import io.userstream.test.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Input is never altered: what PostgreSQL cannot hold as sent is dead-lettered with the column named,
 * everything else is stored exactly, read back through JDBC.
 */
@SpringBootTest
@DirtiesContext
class StoredAsSentTests {

	static final String TOPIC = TestKafka.uniqueTopic("label");

	static final String DEAD_LETTERS = Topics.deadLetterOf(TOPIC);

	@DynamicPropertySource
	static void topic(DynamicPropertyRegistry registry) {
		registry.add("userstream.topics.label", () -> TOPIC);
	}

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void textAndDatesPostgresqlCannotHoldAreDeadLetteredNamingTheColumnNeverStoredChanged() {
		User template = Users.labeled(300);
		// JSON's escape for a lone surrogate, which Jackson reads into the string as it is
		String loneSurrogate = new String(UserJson.write(withText(template, "LONE", "Address", "user")),
				StandardCharsets.UTF_8)
			.replace("LONE", "Lone\\ud800");
		Map<String, String> expectedReasons = new LinkedHashMap<>();
		List<String> keys = new ArrayList<>();
		List<byte[]> values = new ArrayList<>();
		keys.add(template.id().toString());
		values.add(loneSurrogate.getBytes(StandardCharsets.UTF_8));
		expectedReasons.put(template.id().toString(), "first_name contains a lone UTF-16 surrogate");
		User nul = withText(Users.labeled(301), "First", "12 Pine Rd\0", "user");
		expectedReasons.put(nul.id().toString(), "address contains a NUL character");
		User farDob = Users.withPhoneAndDob(Users.labeled(302), "(099) R90-8000", "-5000-01-01T00:00:00Z");
		expectedReasons.put(farDob.id().toString(), "dob is outside PostgreSQL's date range");
		User farRegistered = withRegistered(Users.labeled(303), "+300000-01-01T00:00:00Z");
		expectedReasons.put(farRegistered.id().toString(), "registered_date is outside PostgreSQL's timestamp range");
		User tooLong = withText(Users.labeled(304), "x".repeat(256), "Address", "user");
		expectedReasons.put(tooLong.id().toString(), "first_name has 256 characters, at most 255 fit");
		for (User user : List.of(nul, farDob, farRegistered, tooLong)) {
			keys.add(user.id().toString());
			values.add(UserJson.write(user));
		}

		Users.sendRaw(TOPIC, keys, values);

		List<ConsumerRecord<String, byte[]>> deadLetters = TestKafka.readCommitted(List.of(DEAD_LETTERS),
				expectedReasons.size(), Duration.ofMinutes(1), Duration.ofSeconds(2));
		assertThat(deadLetters).hasSize(expectedReasons.size())
			.extracting(ConsumerRecord::key)
			.containsExactlyInAnyOrderElementsOf(expectedReasons.keySet());
		assertThat(deadLetters).allSatisfy(letter -> {
			String reason = DeadLetterHeaders.reason(letter.headers());
			assertThat(reason).contains(expectedReasons.get(letter.key()))
				.doesNotContain("Lone", "Pine", "5000", "300000", "xxx");
		});
		assertThat(storedCount(keys.stream().map(UUID::fromString).toList())).isZero();
	}

	@Test
	void textIsStoredByteForByteHoweverItLooksToSqlOrToAnArrayLiteral() {
		String[] texts = { "NULL", "'", "\"", "\\", "\\N", "{", "}", ",", "\u2028", "\u2029", "\uD83D\uDE00 \uD83D\uDC4D",
				"tab\there", "new\nline\r\n", "{\"NULL\", \\N}", " padded ", "" };
		List<User> users = new ArrayList<>();
		for (int n = 0; n < texts.length; n++) {
			users.add(withText(Users.labeled(400 + n), "First" + n, texts[n], texts[n]));
		}
		User farFuture = withRegistered(Users.labeled(450), "+12345-06-07T08:09:10.123456Z");
		users.add(farFuture);

		Users.send(TOPIC, users);

		await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(storedCount(users)).isEqualTo(users.size()));
		for (int n = 0; n < texts.length; n++) {
			Map<String, Object> row = this.jdbc.queryForMap("select address, username from user_data where id = ?",
					users.get(n).id());
			assertThat(row).as("text %d", n)
				.containsEntry("address", texts[n])
				.containsEntry("username", texts[n]);
		}
		assertThat(this.jdbc.queryForObject(
				"select registered_date = timestamptz '12345-06-07 08:09:10.123456+00' from user_data where id = ?",
				Boolean.class, farFuture.id()))
			.isTrue();
	}

	private static User withText(User user, String firstName, String address, String username) {
		return new User(user.id(), firstName, user.lastName(), user.gender(), address, user.postCode(), user.email(),
				username, user.dob(), user.registeredDate(), user.phone(), user.picture(), user.timestamp(), user.labels());
	}

	private static User withRegistered(User user, String registeredDate) {
		return new User(user.id(), user.firstName(), user.lastName(), user.gender(), user.address(), user.postCode(),
				user.email(), user.username(), user.dob(), registeredDate, user.phone(), user.picture(), user.timestamp(),
				user.labels());
	}

	private long storedCount(List<?> usersOrIds) {
		UUID[] ids = usersOrIds.stream().map(item -> item instanceof User user ? user.id() : (UUID) item).toArray(UUID[]::new);
		return this.jdbc.queryForObject("select count(*) from user_data where id = any(?)", Long.class, (Object) ids);
	}

}
