package io.userstream.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.userstream.test.TestDatabase;

/** What a user counts in a database of the test run: the rows of {@code user_data}. */
final class UserTable {

	private UserTable() {
	}

	/** The rows of {@code user_data} in the database at {@code jdbcUrl}; 0 before the table exists, -1 when unreachable. */
	static long rows(String jdbcUrl) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl, TestDatabase.username(), TestDatabase.password());
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT count(*) FROM user_data")) {
			result.next();
			return result.getLong(1);
		}
		catch (SQLException ex) {
			return "42P01".equals(ex.getSQLState()) ? 0 : -1;
		}
	}

}
