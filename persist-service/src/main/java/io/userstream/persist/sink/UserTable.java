package io.userstream.persist.sink;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

/**
 * The write path: a batch is one statement over arrays (measured fastest, see notes/benchmark) in one
 * transaction. Only a batch the database refuses for its data is written again, by
 * {@code insert_users_row_by_row} (V4): each row in a subtransaction of its own, all in one more round
 * trip, so finding k refused rows costs two statements whatever k, and a flood of refused rows drains
 * at about half the normal rate instead of costing two statements a row (see the README). Every other
 * error rolls the whole batch back and reaches the caller.
 */
@Component
class UserTable {

	static final String INSERT = """
			INSERT INTO user_data (id, first_name, last_name, gender, address, post_code, email, username, dob,
			                       registered_date, phone, picture, timestamp, labels, published_at)
			SELECT * FROM unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[], ?::text[], ?::varchar[],
			                     ?::varchar[], ?::varchar[], ?::date[], ?::timestamptz[], ?::varchar[], ?::varchar[],
			                     ?::timestamptz[], ?::varchar[], ?::timestamptz[])
			ON CONFLICT (id) DO NOTHING
			RETURNING id""";

	static final String INSERT_ROW_BY_ROW = """
			SELECT row_number, refused_sqlstate
			FROM insert_users_row_by_row(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
			                             ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
			                             ?::text[])""";

	/** The values of a row in the order of {@link #INSERT}'s columns. */
	static final List<Function<UserRow, ?>> COLUMNS = List.of(UserRow::id, UserRow::firstName, UserRow::lastName,
			UserRow::gender, UserRow::address, UserRow::postCode, UserRow::email, UserRow::username, UserRow::dob,
			UserRow::registeredDate, UserRow::phone, UserRow::picture, UserRow::timestamp, UserRow::labels, UserRow::publishedAt);

	/** PostgreSQL reads neither ISO-8601's year sign nor its year 0, so a year goes unsigned, with its era. */
	private static final DateTimeFormatter DATE = new DateTimeFormatterBuilder()
		.appendValue(ChronoField.YEAR_OF_ERA, 4, 10, SignStyle.NOT_NEGATIVE)
		.appendPattern("-MM-dd G")
		.toFormatter(Locale.US);

	private static final DateTimeFormatter INSTANT = new DateTimeFormatterBuilder()
		.appendValue(ChronoField.YEAR_OF_ERA, 4, 10, SignStyle.NOT_NEGATIVE)
		.appendPattern("-MM-dd HH:mm:ss")
		.appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
		.appendPattern("'+00' G")
		.toFormatter(Locale.US)
		.withZone(ZoneOffset.UTC);

	private final DataSource dataSource;

	UserTable(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** Writes the rows in one transaction; returns once it is committed. */
	Written write(List<UserRow> rows) throws SQLException {
		Written written = new Written(new HashSet<>(), new ArrayList<>());
		if (rows.isEmpty()) {
			return written;
		}
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try {
				insert(connection, rows, written);
				connection.commit();
			}
			catch (SQLException | RuntimeException ex) {
				rollbackQuietly(connection, ex);
				throw ex;
			}
		}
		return written;
	}

	private static void insert(Connection connection, List<UserRow> rows, Written written) throws SQLException {
		Savepoint savepoint = connection.setSavepoint();
		try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
			bind(statement, rows);
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					written.inserted().add(result.getObject(1, UUID.class));
				}
			}
			connection.releaseSavepoint(savepoint);
		}
		catch (SQLException ex) {
			if (!DatabaseErrors.isDataError(ex)) {
				throw ex;
			}
			connection.rollback(savepoint);
			insertRowByRow(connection, rows, written);
		}
	}

	private static void insertRowByRow(Connection connection, List<UserRow> rows, Written written) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(INSERT_ROW_BY_ROW)) {
			bind(statement, rows);
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					UserRow row = rows.get(result.getInt(1) - 1);
					String refusedState = result.getString(2);
					if (refusedState == null) {
						written.inserted().add(row.id());
					}
					else {
						written.refused().add(new Refused(row, refusedState));
					}
				}
			}
		}
	}

	private static void bind(PreparedStatement statement, List<UserRow> rows) throws SQLException {
		for (int column = 0; column < COLUMNS.size(); column++) {
			statement.setArray(column + 1, texts(statement.getConnection(), rows, COLUMNS.get(column)));
		}
	}

	/** Every column travels as text, cast by the statement: dates and instants in UTC, free of any JVM zone. */
	private static Array texts(Connection connection, List<UserRow> rows, Function<UserRow, ?> column)
			throws SQLException {
		return connection.createArrayOf("varchar", rows.stream().map(column).map(UserTable::text).toArray(String[]::new));
	}

	private static String text(Object value) {
		if (value instanceof LocalDate date) {
			return DATE.format(date);
		}
		if (value instanceof Instant instant) {
			return INSTANT.format(instant);
		}
		return (value != null) ? value.toString() : null;
	}

	private static void rollbackQuietly(Connection connection, Exception cause) {
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			cause.addSuppressed(ex);
		}
	}

	/** What a committed write did: the ids it inserted (the rest were already there) and the rows refused. */
	record Written(Set<UUID> inserted, List<Refused> refused) {
	}

	/** A row the database refused for its data, and the SQLState it gave (class 22 or 23). */
	record Refused(UserRow row, String sqlState) {
	}

}
