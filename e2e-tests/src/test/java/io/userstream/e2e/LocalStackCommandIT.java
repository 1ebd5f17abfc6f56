package io.userstream.e2e;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.userstream.test.ServiceProcess;
import io.userstream.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's first command, run as a user runs it, so that it cannot silently rot: one stack is
 * started with PostgreSQL's port closed (so it falls back to the embedded one), watched and stopped
 * with SIGTERM; a second, clean start on the real server must empty only what is its own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackCommandIT {

	private static final Pattern UP = Pattern.compile("userstream is up after (\\d+) s");

	private static final Pattern PROGRESS = Pattern
		.compile("fetched (\\d+) \\| published (\\d+) \\| stored (\\d+) \\| (\\d+) rows/s");

	private static final Duration START = Duration.ofMinutes(4);

	private static final Path HOME = Path.of("target", "local-stack-it", ".local").toAbsolutePath();

	private static LocalStackProcess stack;

	@BeforeAll
	static void startWithPostgresUnreachable() {
		FileSystemUtils.deleteRecursively(HOME.getParent().toFile());
		stack = new LocalStackProcess(HOME).with("postgres.port", String.valueOf(ServiceProcess.freePort())).start();
		stack.await(UP, START);
	}

	@AfterAll
	static void stop() {
		stack.close();
	}

	@Test
	@Order(1)
	void printsWhereEverythingIsWithTheEmbeddedPostgresFallback() {
		String output = stack.output();
		assertThat(output).contains("Kafka", "localhost:", "http://localhost:" + stack.ingestPort(),
				"http://localhost:" + stack.persistPort(), "API token");
		assertThat(output).containsPattern("jdbc:postgresql://localhost:\\d+/userstream .*embedded");
		assertThat(HOME.resolve("postgres").resolve("postgresql.conf")).exists();
		assertThat(HOME.resolve("kafka").resolve("meta.properties")).exists();
	}

	@Test
	@Order(2)
	void printsProgressAndStoresRowsWithNoFurtherAction() {
		stack.await(PROGRESS, Duration.ofSeconds(30));
		await().atMost(Duration.ofMinutes(3)).until(() -> stack.last(PROGRESS)
			.map(progress -> Long.parseLong(progress.group(3)))
			.orElse(0L) > 0);
		Matcher progress = stack.last(PROGRESS).orElseThrow();
		assertThat(Long.parseLong(progress.group(1))).isPositive();
		assertThat(Long.parseLong(progress.group(2))).isPositive();
	}

	@Test
	@Order(3)
	void restartsAServiceWhoseProcessDiesAndSaysSoInItsProgressLine() {
		ProcessHandle label = stack.child("label-service").orElseThrow();

		label.destroyForcibly();

		stack.await(Pattern.compile("label-service exited with code \\d+; starting it again"), Duration.ofSeconds(30));
		stack.await(Pattern.compile("\\| restarted label-service x1 \\(exit \\d+\\)"), Duration.ofSeconds(30));
		assertThat(stack.child("label-service")).hasValueSatisfying(restarted -> {
			assertThat(restarted.pid()).isNotEqualTo(label.pid());
			assertThat(restarted.isAlive()).isTrue();
		});
	}

	@Test
	@Order(4)
	void sigtermStopsEveryProcessItStarted() {
		List<ProcessHandle> children = stack.children();
		assertThat(children).as("the four services and the embedded PostgreSQL").hasSize(5).allMatch(ProcessHandle::isAlive);

		assertThat(stack.terminate(Duration.ofMinutes(2))).as("the launcher exits").isTrue();

		assertThat(children).noneMatch(ProcessHandle::isAlive);
		assertThat(stack.output()).contains("Stopped");
		assertThat(HOME.resolve("pids")).isEmptyDirectory();
	}

	@Test
	@Order(5)
	void cleanStartEmptiesItsFolderButKeepsADatabaseItWasPointedAt() throws Exception {
		String database = "userstream_it_" + UUID.randomUUID().toString().substring(0, 8);
		Path marker = Files.writeString(HOME.resolve("logs").resolve("from-before.log"), "old");
		Path neighbour = Files.writeString(HOME.resolveSibling("not-the-stacks.txt"), "keep");
		String neighbourDatabase = TestDatabase.createAnother();
		try (Connection other = DriverManager.getConnection(neighbourDatabase, TestDatabase.username(), TestDatabase.password());
				Statement statement = other.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS untouched (id int)");
		}
		admin("CREATE DATABASE " + database);
		try (Connection own = DriverManager.getConnection(jdbcUrl(database), TestDatabase.username(), TestDatabase.password());
				Statement statement = own.createStatement()) {
			statement.execute("CREATE TABLE from_before (id int)");
		}
		URI server = URI.create(TestDatabase.jdbcUrl().substring("jdbc:".length()));
		try (LocalStackProcess clean = new LocalStackProcess(HOME).with("clean", "true")
			.with("postgres.host", server.getHost())
			.with("postgres.port", String.valueOf(server.getPort()))
			.with("postgres.username", TestDatabase.username())
			.with("postgres.password", TestDatabase.password())
			.with("postgres.database", database)
			.start()) {
			clean.await(UP, START);

			assertThat(clean.output()).contains(jdbcUrl(database) + " ");
			assertThat(marker).doesNotExist();
			assertThat(HOME.resolve("postgres")).doesNotExist();
			assertThat(neighbour).hasContent("keep");
			assertThat(tableExists(jdbcUrl(database), "from_before")).as("a database it did not create").isTrue();
			assertThat(tableExists(jdbcUrl(database), "user_data")).as("migrated there").isTrue();
			assertThat(tableExists(neighbourDatabase, "untouched")).isTrue();
			assertThat(clean.terminate(Duration.ofMinutes(2))).isTrue();
		}
		finally {
			admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
		}
	}

	private static String jdbcUrl(String database) {
		String url = TestDatabase.jdbcUrl();
		return url.substring(0, url.lastIndexOf('/') + 1) + database;
	}

	private static void admin(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), TestDatabase.username(),
				TestDatabase.password()); Statement statement = connection.createStatement()) {
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
