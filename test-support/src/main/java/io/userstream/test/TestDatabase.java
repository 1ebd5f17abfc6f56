package io.userstream.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A PostgreSQL database of this test JVM's own on a real server, created on first use and dropped at
 * exit, so that runs never collide. The server is the one at localhost:5432 unless
 * {@code USERSTREAM_TEST_POSTGRES_URL} (a JDBC URL of a database to connect to for creating others),
 * {@code USERSTREAM_TEST_POSTGRES_USER} and {@code USERSTREAM_TEST_POSTGRES_PASSWORD} name another.
 */
public final class TestDatabase {

	private static final String ADMIN_URL = env("USERSTREAM_TEST_POSTGRES_URL", "jdbc:postgresql://localhost:5432/postgres");

	private static final String USER = env("USERSTREAM_TEST_POSTGRES_USER", "postgres");

	private static final String PASSWORD = env("USERSTREAM_TEST_POSTGRES_PASSWORD", "");

	private static String name;

	private TestDatabase() {
	}

	public static synchronized String jdbcUrl() {
		if (name == null) {
			name = create();
		}
		return urlOf(name);
	}

	/** A further empty database of this JVM's own, for a test that must own every row (dropped at exit too). */
	public static String createAnother() {
		return urlOf(create());
	}

	private static String create() {
		String candidate = "userstream_test_" + ProcessHandle.current().pid() + "_"
				+ Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0x100000));
		execute("CREATE DATABASE " + candidate);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> execute("DROP DATABASE IF EXISTS " + candidate + " WITH (FORCE)")));
		return candidate;
	}

	private static String urlOf(String database) {
		int slash = ADMIN_URL.lastIndexOf('/');
		int query = ADMIN_URL.indexOf('?', slash);
		return ADMIN_URL.substring(0, slash + 1) + database + (query < 0 ? "" : ADMIN_URL.substring(query));
	}

	public static String username() {
		return USER;
	}

	public static String password() {
		return PASSWORD;
	}

	public static Connection connect() throws SQLException {
		return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
	}

	private static void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL at " + ADMIN_URL + " refused: " + sql
					+ " (is it running? see README, Tests)", ex);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
