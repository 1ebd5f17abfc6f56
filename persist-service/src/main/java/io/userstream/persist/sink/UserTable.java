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
			statement.setArray(1, connection.createArrayOf("uuid", rows.stream().map(UserRow::id).toArray()));
			statement.setArray(2, texts(connection, rows, UserRow::firstName));
			statement.setArray(3, texts(connection, rows, UserRow::lastName));
			statement.setArray(4, texts(connection, rows, UserRow::gender));
			statement.setArray(5, texts(connection, rows, UserRow::address));
			statement.setArray(6, texts(connection, rows, UserRow::postCode));
			statement.setArray(7, texts(connection, rows, UserRow::email));
			statement.setArray(8, texts(connection, rows, UserRow::username));
			statement.setArray(9, texts(connection, rows, UserRow::dob));
			statement.setArray(10, texts(connection, rows, UserRow::registeredDate));
			statement.setArray(11, texts(connection, rows, UserRow::phone));
			statement.setArray(12, texts(connection, rows, UserRow::picture));
			statement.setArray(13, texts(connection, rows, UserRow::timestamp));
			statement.setArray(14, texts(connection, rows, UserRow::labels));
			Set<UUID> inserted = new HashSet<>();
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					inserted.add(result.getObject(1, UUID.class));
				}
			}
			return inserted;
		}
	}

	/** Dates and instants travel as ISO-8601 text, which PostgreSQL reads exactly, free of any JVM zone. */
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
