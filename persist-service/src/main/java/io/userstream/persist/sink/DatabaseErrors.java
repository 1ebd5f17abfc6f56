package io.userstream.persist.sink;

import java.sql.SQLException;

/**
 * How a database error is classified. A data error (SQLState class 22, data exception, or 23,
 * integrity constraint violation) belongs to a row and will fail the same way again; anything else
 * (class 08 connection errors, a pool timeout, a server shutting down) belongs to the database and
 * passes if retried.
 */
final class DatabaseErrors {

	private DatabaseErrors() {
	}

	static boolean isDataError(SQLException ex) {
		String state = ex.getSQLState();
		return state != null && (state.startsWith("22") || state.startsWith("23"));
	}

}
