package io.userstream.benchmark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.userstream.test.TestDatabase;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The sink's limit: PostgreSQL's {@code COPY} of rows the pipeline stored into a scratch twin of
 * {@code user_data} (same columns, key and indexes), in one transaction.
 */
final class CopyBaseline {

	private CopyBaseline() {
	}

	/** Rows per second for copying {@code rows} of {@code user_data} into an empty twin. */
	static double rowsPerSecond(int rows) throws SQLException, IOException {
		try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement()) {
			CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
			ByteArrayOutputStream exported = new ByteArrayOutputStream();
			long exportedRows = copy.copyOut("COPY (SELECT * FROM user_data LIMIT " + rows + ") TO STDOUT", exported);
			statement.execute("DROP TABLE IF EXISTS user_data_copy");
			statement.execute("CREATE TABLE user_data_copy (LIKE user_data INCLUDING ALL)");
			connection.setAutoCommit(false);
			long start = System.nanoTime();
			long copied = copy.copyIn("COPY user_data_copy FROM STDIN", new ByteArrayInputStream(exported.toByteArray()));
			connection.commit();
			double seconds = (System.nanoTime() - start) / 1e9;
			if (copied != exportedRows) {
				throw new IllegalStateException("Copied " + copied + " of " + exportedRows + " rows");
			}
			connection.setAutoCommit(true);
			statement.execute("DROP TABLE user_data_copy");
			return copied / seconds;
		}
	}

}
