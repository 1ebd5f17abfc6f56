package io.userstream.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserJsonContractTests {

	private static final UUID ID = UUID.fromString("2a9cb0f5-cbe0-4aab-9561-c2d3c934aa88");

	private final User user = new User(ID, "Siobhán", "O'Connell", "female", "4481 O'Connell Street, Aylmer, Yukon, Canada",
			"Z4B 4T0", "siobhan.oconnell@example.com", "greenbutterfly827", "1952-10-10T07:36:45.668Z",
			"2019-01-29T23:55:04.691Z", "(099) R90-8000", "https://randomuser.me/api/portraits/med/women/18.jpg",
			Instant.parse("2026-11-28T15:01:08.451326789Z"), "Good");

	@Test
	void roundTripKeepsEveryFieldAndTruncatesTheTimestampToMicroseconds() {
		User read = UserJson.read(UserJson.write(user), Stage.LABELED);

		assertThat(read).isEqualTo(user.withTimestamp(Instant.parse("2026-11-28T15:01:08.451326Z")));
	}

	@Test
	void writesTheOriginalScriptsSnakeCaseKeysWithPostCodeAsString() {
		JsonNode json = UserJson.mapper().readTree(UserJson.write(user));

		assertThat(json.propertyNames()).containsExactly("id", "first_name", "last_name", "gender", "address",
				"post_code", "email", "username", "dob", "registered_date", "phone", "picture", "timestamp", "labels");
		assertThat(json.get("post_code").isString()).isTrue();
		assertThat(json.get("timestamp").asString()).isEqualTo("2026-11-28T15:01:08.451326Z");
		assertThat(json.get("id").asString()).isEqualTo(ID.toString());
	}

	@Test
	void omitsFieldsTheStageHasNotAddedYet() {
		JsonNode json = UserJson.mapper().readTree(UserJson.write(user.withTimestamp(null).withLabels(null)));

		assertThat(json.has("timestamp")).isFalse();
		assertThat(json.has("labels")).isFalse();
	}

	@Test
	void readsTheOriginalScriptsFormWithNumericPostCodeNaiveTimestampAndExtraFields() {
		String python = """
				{"id": "2a9cb0f5-cbe0-4aab-9561-c2d3c934aa88", "first_name": "Jared", "last_name": "Peters",
				 "gender": "male", "address": "4481 Plum St, Steilacoom, Colorado, United States",
				 "post_code": 90592, "email": "jared.peters@example.com", "username": "greenduck668",
				 "dob": "1979-09-13T00:42:30.333Z", "registered_date": "2009-01-30T03:05:21.295Z",
				 "phone": "(467) 283-4767", "picture": "https://randomuser.me/api/portraits/med/men/70.jpg",
				 "timestamp": "2026-11-28 15:01:08.451326", "labels": "Bad", "cell": "(279) 410-6094"}
				""";

		User read = UserJson.read(bytes(python), Stage.LABELED);

		assertThat(read.postCode()).isEqualTo("90592");
		assertThat(read.timestamp()).isEqualTo(Instant.parse("2026-11-28T15:01:08.451326Z"));
		assertThat(read.labels()).isEqualTo("Bad");
		assertThat(read.firstName()).isEqualTo("Jared");
	}

	@Test
	void readsNaiveTimestampsWithoutFractionAsUtc() {
		String python = minimal("\"timestamp\": \"2026-11-28 15:01:08\"");

		assertThat(UserJson.read(bytes(python), Stage.TIMESTAMPED).timestamp())
			.isEqualTo(Instant.parse("2026-11-28T15:01:08Z"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			2026-11-28 15:01:08.451326        | 2026-11-28T15:01:08.451326Z
			2026-11-28 15:01:08               | 2026-11-28T15:01:08Z
			2026-11-28 15:01:08.451326+00:00  | 2026-11-28T15:01:08.451326Z
			2026-11-28 15:01:08+00:00         | 2026-11-28T15:01:08Z
			2026-11-28T15:01:08.451326        | 2026-11-28T15:01:08.451326Z
			2026-11-28T15:01:08               | 2026-11-28T15:01:08Z
			2026-11-28T15:01:08.451326+00:00  | 2026-11-28T15:01:08.451326Z
			2026-11-28T18:31:08.451326+03:30  | 2026-11-28T15:01:08.451326Z
			2026-11-28 18:31:08+03:30         | 2026-11-28T15:01:08Z
			2026-11-28T15:01:08.451326Z       | 2026-11-28T15:01:08.451326Z
			""")
	void readsEveryFormPythonsStrAndIsoformatGiveNaiveMeaningUtc(String python, Instant expected) {
		String message = minimal("\"timestamp\": \"" + python + "\"");

		assertThat(UserJson.read(bytes(message), Stage.TIMESTAMPED).timestamp()).isEqualTo(expected);
	}

	@Test
	void parsesTimestampTextTheWayTheWireReadsIt() {
		assertThat(UserJson.parseTimestamp(" 2019-01-29T23:55:04.691Z ")).isEqualTo(Instant.parse("2019-01-29T23:55:04.691Z"));
		assertThat(UserJson.parseTimestamp("2019-01-29 23:55:04.691")).isEqualTo(Instant.parse("2019-01-29T23:55:04.691Z"));
	}

	@Test
	void readsIsoTimestampsWithAnOffset() {
		String python = minimal("\"timestamp\": \"2026-11-28T18:31:08.5+03:30\"");

		assertThat(UserJson.read(bytes(python), Stage.TIMESTAMPED).timestamp())
			.isEqualTo(Instant.parse("2026-11-28T15:01:08.5Z"));
	}

	@Test
	void rejectsAMissingId() {
		String json = "{\"first_name\": \"A\", \"last_name\": \"B\", \"email\": \"a@example.com\"}";

		assertThatThrownBy(() -> UserJson.read(bytes(json), Stage.FETCHED)).isInstanceOf(InvalidUserException.class)
			.hasMessageContaining("id is missing");
	}

	@Test
	void rejectsAMalformedId() {
		String json = "{\"id\": \"not-a-uuid\", \"first_name\": \"A\", \"last_name\": \"B\", \"email\": \"a@example.com\"}";

		assertThatThrownBy(() -> UserJson.read(bytes(json), Stage.FETCHED)).isInstanceOf(InvalidUserException.class)
			.hasMessageContaining("not a user JSON");
	}

	@Test
	void rejectsBytesThatAreNotJson() {
		assertThatThrownBy(() -> UserJson.read(new byte[] { (byte) 0xff, 0x00, 0x13 }, Stage.FETCHED))
			.isInstanceOf(InvalidUserException.class);
		assertThatThrownBy(() -> UserJson.read(bytes("<html>503</html>"), Stage.FETCHED))
			.isInstanceOf(InvalidUserException.class);
	}

	@Test
	void rejectsAnUnparsableTimestamp() {
		assertThatThrownBy(() -> UserJson.read(bytes(minimal("\"timestamp\": \"yesterday\"")), Stage.TIMESTAMPED))
			.isInstanceOf(InvalidUserException.class)
			.hasMessageContaining("timestamp");
	}

	@Test
	void eachStageAddsItsOwnRequirement() {
		User fetched = user.withTimestamp(null).withLabels(null);

		assertThat(Stage.FETCHED.violations(fetched)).isEmpty();
		assertThat(Stage.TIMESTAMPED.violations(fetched)).containsExactly("timestamp is missing");
		assertThat(Stage.LABELED.violations(fetched)).containsExactly("timestamp is missing", "labels is missing");
		assertThat(Stage.FETCHED.violations(fetched.withId(null))).containsExactly("id is missing");
	}

	private static String minimal(String extra) {
		return "{\"id\": \"" + ID + "\", \"first_name\": \"A\", \"last_name\": \"B\", \"email\": \"a@example.com\", "
				+ extra + "}";
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
