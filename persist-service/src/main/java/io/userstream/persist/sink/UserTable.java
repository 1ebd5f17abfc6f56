package io.userstream.persist.sink;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

/**
 * The write path: a batch is one statement over arrays (measured fastest, see notes/benchmark) in one
 * transaction. Only a batch the database refuses for its data is split, under savepoints, until the
 * refused rows stand alone; every other error rolls the whole batch back and reaches the caller.
 */
@Component
class UserTable {

	static final String INSERT = """
			INSERT INTO user_data (id, first_name, last_name, gender, address, post_code, email, username, dob,
			                       registered_date, phone, picture, timestamp, labels)
			SELECT * FROM unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[], ?::text[], ?::varchar[],
			                     ?::varchar[], ?::varchar[], ?::date[], ?::timestamptz[], ?::varchar[], ?::varchar[],
			                     ?::timestamptz[], ?::varchar[])
			ON CONFLICT (id) DO NOTHING
			RETURNING id""";

	/** The values of a row in the order of {@link #INSERT}'s columns. */
	static final List<Function<UserRow, ?>> COLUMNS = List.of(UserRow::id, UserRow::firstName, UserRow::lastName,
			UserRow::gender, UserRow::address, UserRow::postCode, UserRow::email, UserRow::username, UserRow::dob,
			UserRow::registeredDate, UserRow::phone, UserRow::picture, UserRow::timestamp, UserRow::labels);

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
				insertSplittingOnDataErrors(connection, rows, written);
				connection.commit();
			}
			catch (SQLException | RuntimeException ex) {
				rollbackQuietly(connection, ex);
				throw ex;
			}
		}
		return written;
	}

	private void insertSplittingOnDataErrors(Connection connection, List<UserRow> rows, Written written)
			throws SQLException {
		Savepoint savepoint = connection.setSavepoint();
		try {
			written.inserted().addAll(insert(connection, rows));
			connection.releaseSavepoint(savepoint);
		}
		catch (SQLException ex) {
			if (!DatabaseErrors.isDataError(ex)) {
				throw ex;
			}
			connection.rollback(savepoint);
			if (rows.size() == 1) {
				written.refused().add(new Refused(rows.get(0), ex));
				return;
			}
			int half = rows.size() / 2;
			insertSplittingOnDataErrors(connection, rows.subList(0, half), written);
			insertSplittingOnDataErrors(connection, rows.subList(half, rows.size()), written);
		}
	}

	private static Set<UUID> insert(Connection connection, List<UserRow> rows) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
			for (int column = 0; column < COLUMNS.size(); column++) {
				statement.setArray(column + 1, texts(connection, rows, COLUMNS.get(column)));
			}
			Set<UUID> inserted = new HashSet<>();
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					inserted.add(result.getObject(1, UUID.class));
				}
			}
			return inserted;
		}
	}

	/** Every column travels as text, cast by the statement: dates and instants as ISO-8601, free of any JVM zone. */
	private static Array texts(Connection connection, List<UserRow> rows, Function<UserRow, ?> column)
			throws SQLException {
		return connection.createArrayOf("varchar",
				rows.stream().map(column).map(value -> Objects.toString(value, null)).toArray(String[]::new));
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

	record Refused(UserRow row, SQLException reason) {
	}

}
