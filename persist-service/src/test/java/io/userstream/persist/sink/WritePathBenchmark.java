package io.userstream.persist.sink;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.userstream.persist.Users;
import io.userstream.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Rows per second of the write-path candidates, printed, never asserted. Not part of the build (the
 * name matches no test pattern); run with
 * {@code ./mvnw -pl persist-service -am test -Dtest=WritePathBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * Figures: notes/benchmark/persist-write-path.md.
 */
@SpringBootTest(properties = "spring.kafka.listener.auto-startup=false")
class WritePathBenchmark {

	static final int ROWS = 20_000;

	static final int BATCH = 500;

	static final int ROUNDS = 7;

	static final String COLUMNS = "id, first_name, last_name, gender, address, post_code, email, username, dob, "
			+ "registered_date, phone, picture, timestamp, labels";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", TestDatabase::createAnother);
	}

	@Autowired
	DataSource dataSource;

	@Autowired
	UserTable table;

	@Autowired
	UserDataColumns columns;

	final Map<String, List<double[]>> results = new LinkedHashMap<>();

	interface Candidate {

		int write(Connection connection, List<UserRow> batch) throws Exception;

	}

	@Test
	void writePaths() throws Exception {
		List<UserRow> rows = Users.labeled(0, ROWS).stream().map(user -> UserRow.of(user, Instant.now(), this.columns)).toList();
		List<List<UserRow>> batches = new ArrayList<>();
		for (int from = 0; from < rows.size(); from += BATCH) {
			batches.add(rows.subList(from, Math.min(rows.size(), from + BATCH)));
		}
		for (int round = 0; round < ROUNDS; round++) {
			report("unnest (UserTable)", batches, (connection, batch) -> this.table.write(batch).inserted().size(), false);
			report("multi-row VALUES", batches, WritePathBenchmark::values, true);
			report("COPY to temp + INSERT SELECT", batches, WritePathBenchmark::copy, true);
		}
		List<List<UserRow>> single = rows.subList(0, 5000).stream().map(List::of).toList();
		report("one commit per row (original)", single, WritePathBenchmark::rowWithCommit, false);
		this.results.forEach((name, figures) -> System.out.printf("median  %-32s new rows %8.0f rows/s   duplicates %8.0f rows/s%n",
				name, median(figures, 0), median(figures, 1)));
	}

	private static double median(List<double[]> figures, int column) {
		double[] sorted = figures.stream().mapToDouble(pair -> pair[column]).sorted().toArray();
		return sorted[sorted.length / 2];
	}

	private void report(String name, List<List<UserRow>> batches, Candidate candidate, boolean transaction)
			throws Exception {
		try (Connection connection = this.dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("TRUNCATE user_data");
		}
		int rows = batches.stream().mapToInt(List::size).sum();
		double fresh = run(batches, candidate, transaction, rows);
		double duplicates = run(batches, candidate, transaction, 0);
		this.results.computeIfAbsent(name, key -> new ArrayList<>()).add(new double[] { fresh, duplicates });
	}

	private double run(List<List<UserRow>> batches, Candidate candidate, boolean transaction, int expectedInserts)
			throws Exception {
		int rows = 0;
		int inserted = 0;
		long start = System.nanoTime();
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(!transaction);
			for (List<UserRow> batch : batches) {
				inserted += candidate.write(connection, batch);
				if (transaction) {
					connection.commit();
				}
				rows += batch.size();
			}
			connection.setAutoCommit(true);
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		if (inserted != expectedInserts) {
			throw new IllegalStateException("inserted " + inserted + ", expected " + expectedInserts);
		}
		return rows / seconds;
	}

	private static int values(Connection connection, List<UserRow> batch) throws SQLException {
		String tuple = "(?::uuid, ?, ?, ?, ?, ?, ?, ?, ?::date, ?::timestamptz, ?, ?, ?::timestamptz, ?)";
		String sql = "INSERT INTO user_data (" + COLUMNS + ") VALUES "
				+ batch.stream().map(row -> tuple).collect(Collectors.joining(", "))
				+ " ON CONFLICT (id) DO NOTHING RETURNING id";
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			int index = 1;
			for (UserRow row : batch) {
				for (Object value : values(row).toList()) {
					statement.setString(index++, Objects.toString(value, null));
				}
			}
			return count(statement.executeQuery());
		}
	}

	private static int copy(Connection connection, List<UserRow> batch) throws Exception {
		try (Statement statement = connection.createStatement()) {
			statement.execute("CREATE TEMP TABLE IF NOT EXISTS user_data_in (LIKE user_data) ON COMMIT DELETE ROWS");
		}
		String csv = batch.stream()
			.map(row -> values(row).map(value -> value == null ? "" : "\"" + value.toString().replace("\"", "\"\"") + "\"")
				.collect(Collectors.joining(",")))
			.collect(Collectors.joining("\n"));
		connection.unwrap(PGConnection.class)
			.getCopyAPI()
			.copyIn("COPY user_data_in (" + COLUMNS + ") FROM STDIN (FORMAT csv)", new StringReader(csv));
		try (Statement statement = connection.createStatement()) {
			return count(statement.executeQuery("INSERT INTO user_data (" + COLUMNS + ") SELECT " + COLUMNS
					+ " FROM user_data_in ON CONFLICT (id) DO NOTHING RETURNING id"));
		}
	}

	/** The original: one INSERT, one commit, per message (with ON CONFLICT, or a redelivery would fail it). */
	private static int rowWithCommit(Connection connection, List<UserRow> batch) throws SQLException {
		String sql = "INSERT INTO user_data (" + COLUMNS + ") VALUES "
				+ "(?::uuid, ?, ?, ?, ?, ?, ?, ?, ?::date, ?::timestamptz, ?, ?, ?::timestamptz, ?) ON CONFLICT (id) DO NOTHING";
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			int index = 1;
			for (Object value : values(batch.get(0)).toList()) {
				statement.setString(index++, Objects.toString(value, null));
			}
			return statement.executeUpdate();
		}
	}

	private static Stream<Object> values(UserRow row) {
		return UserTable.COLUMNS.stream().map(column -> column.apply(row));
	}

	private static int count(ResultSet result) throws SQLException {
		int count = 0;
		while (result.next()) {
			count++;
		}
		result.close();
		return count;
	}

}
