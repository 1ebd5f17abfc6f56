package io.userstream.local;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.userstream.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A clean start drops the database the stack created itself, never one it was pointed at; the names
 * need quoting, so a name spliced into SQL unquoted would fail.
 */
class LocalPostgresTests {

	private static final URI SERVER = URI.create(TestDatabase.jdbcUrl().substring("jdbc:".length()));

	@TempDir
	Path home;

	@Test
	void aCleanStartDropsTheDatabaseItCreated() throws SQLException {
		String database = TestDatabase.uniqueName("Local-Stack_own");
		try {
			LocalPostgres created = postgres(database, false);
			created.start(created.createdDatabase());
			execute(created.jdbcUrl(), "CREATE TABLE from_before (id int)");

			LocalPostgres clean = postgres(database, true);
			clean.start(clean.createdDatabase());

			assertThat(tableExists(clean.jdbcUrl(), "from_before")).isFalse();
		}
		finally {
			execute(url("postgres"), "DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
		}
	}

	@Test
	void aCleanStartKeepsADatabaseItWasPointedAt() throws SQLException {
		String database = TestDatabase.uniqueName("Local-Stack_pointed");
		execute(url("postgres"), "CREATE DATABASE \"" + database + "\"");
		try {
			execute(url(database), "CREATE TABLE from_before (id int)");

			LocalPostgres clean = postgres(database, true);
			clean.start(clean.createdDatabase());

			assertThat(tableExists(url(database), "from_before")).isTrue();
		}
		finally {
			execute(url("postgres"), "DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
		}
	}

	private LocalPostgres postgres(String database, boolean clean) {
		LocalProperties properties = new LocalProperties(this.home, clean, Path.of("."),
				LocalProperties.RandomUserSource.STANDIN, null, 0, null,
				new LocalProperties.Postgres(SERVER.getHost(), SERVER.getPort(), database, TestDatabase.username(),
						TestDatabase.password(), 0, "userstream_app"),
				null, null, null, null, null, null);
		return new LocalPostgres(properties, new Pids(properties));
	}

	private static String url(String database) {
		return "jdbc:postgresql://" + SERVER.getHost() + ":" + SERVER.getPort() + "/" + database;
	}

	private static void execute(String url, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, TestDatabase.username(), TestDatabase.password());
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static boolean tableExists(String url, String table) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, TestDatabase.username(), TestDatabase.password());
				ResultSet tables = connection.getMetaData().getTables(null, "public", table, null)) {
			return tables.next();
		}
	}

}
