package io.userstream.persist.sink;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.userstream.model.InvalidUserException;
import io.userstream.model.User;
import io.userstream.model.UserJson;

/**
 * A user as a row of {@code user_data}, checked against the columns before it is written, so a bad
 * record is found here, alone, instead of failing its whole batch in the database, and so nothing is
 * ever stored other than it arrived: text PostgreSQL cannot hold (NUL, a lone UTF-16 surrogate, which
 * the driver would send as {@code ?}) and dates beyond PostgreSQL's range are refused, not altered.
 */
record UserRow(UUID id, String firstName, String lastName, String gender, String address, String postCode,
		String email, String username, LocalDate dob, Instant registeredDate, String phone, String picture,
		Instant timestamp, String labels, Instant publishedAt) {

	/** PostgreSQL's first day, 4714-11-24 BC (ISO year -4713), for {@code date} and {@code timestamptz} alike. */
	private static final LocalDate FIRST_DAY = LocalDate.of(-4713, 11, 24);

	private static final LocalDate LAST_DATE = LocalDate.of(5874897, 12, 31);

	private static final Instant FIRST_TIMESTAMP = FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();

	/** The first instant that PostgreSQL, rounding to microseconds, would put after its last {@code timestamptz}. */
	private static final Instant AFTER_LAST_TIMESTAMP = LocalDate.of(294277, 1, 1)
		.atStartOfDay(ZoneOffset.UTC)
		.toInstant()
		.minusNanos(500);

	/**
	 * The row for a user of stage LABELED.
	 * @throws InvalidUserException naming every column the user does not fit (never the values)
	 */
	static UserRow of(User user, Instant publishedAt, UserDataColumns columns) {
		List<String> problems = new ArrayList<>();
		String firstName = text("first_name", user.firstName(), columns, problems);
		String lastName = text("last_name", user.lastName(), columns, problems);
		String gender = text("gender", user.gender(), columns, problems);
		String address = text("address", user.address(), columns, problems);
		String postCode = text("post_code", user.postCode(), columns, problems);
		String email = text("email", user.email(), columns, problems);
		String username = text("username", user.username(), columns, problems);
		LocalDate dob = utcDate("dob", user.dob(), problems);
		Instant registered = instant("registered_date", user.registeredDate(), problems);
		String phone = text("phone", user.phone(), columns, problems);
		String picture = text("picture", user.picture(), columns, problems);
		String labels = text("labels", user.labels(), columns, problems);
		Instant timestamp = inRange("timestamp", user.timestamp(), problems);
		if (!problems.isEmpty()) {
			throw new InvalidUserException("does not fit user_data: " + String.join(", ", problems));
		}
		return new UserRow(user.id(), firstName, lastName, gender, address, postCode, email, username, dob, registered,
				phone, picture, timestamp, labels, publishedAt);
	}

	private static String text(String column, String value, UserDataColumns columns, List<String> problems) {
		if (value == null) {
			return null;
		}
		int maxLength = columns.width(column);
		int length = value.codePointCount(0, value.length());
		if (length > maxLength) {
			problems.add(column + " has " + length + " characters, at most " + maxLength + " fit");
		}
		if (value.indexOf('\0') >= 0) {
			problems.add(column + " contains a NUL character");
		}
		if (hasLoneSurrogate(value)) {
			problems.add(column + " contains a lone UTF-16 surrogate, which is not Unicode text");
		}
		return value;
	}

	private static boolean hasLoneSurrogate(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return true;
			}
		}
		return false;
	}

	/** The calendar date in UTC, whatever this JVM's zone: randomuser.me sends a birth instant. */
	private static LocalDate utcDate(String column, String value, List<String> problems) {
		if (value == null) {
			return null;
		}
		LocalDate date;
		try {
			date = value.length() == 10 ? LocalDate.parse(value) : UserJson.parseTimestamp(value).atOffset(ZoneOffset.UTC).toLocalDate();
		}
		catch (DateTimeParseException ex) {
			problems.add(column + " is not a date");
			return null;
		}
		if (date.isBefore(FIRST_DAY) || date.isAfter(LAST_DATE)) {
			problems.add(column + " is outside PostgreSQL's date range");
			return null;
		}
		return date;
	}

	private static Instant inRange(String column, Instant value, List<String> problems) {
		if (value != null && (value.isBefore(FIRST_TIMESTAMP) || !value.isBefore(AFTER_LAST_TIMESTAMP))) {
			problems.add(column + " is outside PostgreSQL's timestamp range");
			return null;
		}
		return value;
	}

	private static Instant instant(String column, String value, List<String> problems) {
		if (value == null) {
			return null;
		}
		try {
			return inRange(column, UserJson.parseTimestamp(value), problems);
		}
		catch (DateTimeParseException ex) {
			problems.add(column + " is not a timestamp");
			return null;
		}
	}

}
