package io.userstream.persist;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import io.userstream.persist.schema.MigrateCommand;
import io.userstream.test.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.userstream.persist.SchemaMigrationTests.jdbc;
import static io.userstream.persist.SchemaMigrationTests.startService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code java -jar persist-service.jar migrate} as the owner, from each starting point a deployment can
 * have, and what it leaves the runtime role: connect, read and insert {@code user_data}, nothing more.
 */
class MigrateStepTests {

	private static final String ROW = """
			INSERT INTO user_data (id, first_name, timestamp) VALUES (gen_random_uuid(), 'Runtime', now())""";

	@Test
	void theRuntimeRoleCanReadAndInsertButNotChangeTheSchemaNorTheRows() throws SQLException {
		String database = TestDatabase.createAnother();
		Migrations.migrate(database);

		try (Connection connection = connectAsRuntimeRole(database); Statement statement = connection.createStatement()) {
			assertThat(statement.executeUpdate(ROW)).isOne();
			assertThat(statement.executeQuery("SELECT count(*) FROM user_data").next()).isTrue();
			assertThat(statement.executeQuery("SELECT count(*) FROM flyway_schema_history").next()).isTrue();
			assertRefused(statement, "UPDATE user_data SET first_name = 'Changed'");
			assertRefused(statement, "DELETE FROM user_data");
			assertRefused(statement, "TRUNCATE user_data");
			assertRefused(statement, "DROP TABLE user_data");
			assertRefused(statement, "CREATE TABLE intruder (note text)");
			assertRefused(statement, "CREATE TEMPORARY TABLE intruder (note text)");
			assertRefused(statement, "COPY user_data (first_name) FROM PROGRAM 'echo intruder'");
			assertRefused(statement, "INSERT INTO flyway_schema_history (installed_rank) VALUES (99)");
		}
		assertThat(jdbc(database).queryForMap("""
				SELECT rolcanlogin, rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls
				FROM pg_roles WHERE rolname = ?""", TestDatabase.runtimeRole().name()))
			.containsExactlyInAnyOrderEntriesOf(Map.of("rolcanlogin", true, "rolsuper", false, "rolcreatedb", false,
					"rolcreaterole", false, "rolreplication", false, "rolbypassrls", false));
	}

	@Test
	void aFirstWaveDatabaseMigratedByItsSingleSuperuserGetsTheRuntimeRole() throws SQLException {
		String database = TestDatabase.createAnother();
		// what the first wave's service did on start-up, as the one superuser
		Flyway.configure().dataSource(database, TestDatabase.username(), TestDatabase.password())
			.baselineOnMigrate(true).baselineVersion("0").load().migrate();

		Migrations.migrate(database);

		assertOwnedByTheOwnerAndWritableByTheRuntimeRole(database);
	}

	@Test
	void aTableTheOriginalScriptsCreatedAsAnotherRoleIsHandedToTheOwner() throws SQLException {
		String database = TestDatabase.createAnother();
		String scripts = TestDatabase.uniqueName("userstream_scripts");
		JdbcTemplate jdbc = jdbc(database);
		jdbc.execute("CREATE ROLE " + scripts);
		try {
			jdbc.execute("GRANT CREATE ON SCHEMA public TO " + scripts);
			jdbc.execute("SET ROLE " + scripts + "; CREATE TABLE user_data (id UUID PRIMARY KEY, first_name VARCHAR(255),"
					+ " last_name VARCHAR(255), gender VARCHAR(10), address TEXT, post_code VARCHAR(20), email VARCHAR(255),"
					+ " dob DATE, registered_date TIMESTAMP, phone VARCHAR(20), picture VARCHAR(255), timestamp TIMESTAMP,"
					+ " labels VARCHAR(50)); RESET ROLE");
			assertThat(owner(jdbc)).isEqualTo(scripts);

			Migrations.migrate(database);

			assertOwnedByTheOwnerAndWritableByTheRuntimeRole(database);
		}
		finally {
			jdbc.execute("DROP OWNED BY " + scripts + "; DROP ROLE " + scripts);
		}
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void anOwnerThatMayNotTakeOverTheTableFailsTheStepAndSaysSo(CapturedOutput output) {
		String database = TestDatabase.createAnother();
		String stranger = TestDatabase.uniqueName("userstream_stranger");
		JdbcTemplate jdbc = jdbc(database);
		jdbc.execute("CREATE TABLE user_data (id uuid PRIMARY KEY)");
		jdbc.execute("CREATE ROLE " + stranger + " LOGIN");
		try {
			int exitCode = MigrateCommand.run("--spring.datasource.url=" + database, "--spring.datasource.username=" + stranger,
					"--userstream.runtime-role.name=" + TestDatabase.runtimeRole().name(),
					"--userstream.runtime-role.password=" + TestDatabase.runtimeRole().password());

			assertThat(exitCode).isNotZero();
			assertThat(output).contains("Migration failed: user_data is owned by role "
					+ TestDatabase.username() + ", which the migrate step's role may not take over");
			assertThat(owner(jdbc)).isEqualTo(TestDatabase.username());
		}
		finally {
			jdbc.execute("DROP ROLE " + stranger);
		}
	}

	@Test
	void aFreshDatabaseEndsTheSameAndMigratingAgainChangesNothing() throws SQLException {
		String database = TestDatabase.createAnother();
		Migrations.migrate(database);
		assertOwnedByTheOwnerAndWritableByTheRuntimeRole(database);
		Map<String, Object> once = privilegesAndHistory(jdbc(database));

		Migrations.migrate(database);

		assertThat(privilegesAndHistory(jdbc(database))).isEqualTo(once);
	}

	@Test
	void theServiceRefusesToStartWhileMigrationsArePending() {
		String database = TestDatabase.createAnother();
		Migrations.migrate(database);
		jdbc(database).update("DELETE FROM flyway_schema_history WHERE version = '5'");

		assertThatThrownBy(() -> startService(database).close()).hasRootCauseMessage(
				"The database schema lacks 1 migration(s), up to version 5: run the migrate step first: "
						+ "java -jar persist-service.jar migrate");
	}

	@Test
	void theServiceStartsAsTheRuntimeRoleOnAMigratedDatabase() {
		String database = TestDatabase.createAnother();
		Migrations.migrate(database);

		try (ConfigurableApplicationContext service = startService(database)) {
			assertThat(service.isRunning()).isTrue();
		}
	}

	private static void assertOwnedByTheOwnerAndWritableByTheRuntimeRole(String database) throws SQLException {
		JdbcTemplate jdbc = jdbc(database);
		assertThat(owner(jdbc)).isEqualTo(TestDatabase.username());
		assertThat(jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE version = '4' AND success",
				Integer.class)).isOne();
		assertThat(jdbc.queryForMap("""
				SELECT has_table_privilege(role, 'user_data', 'SELECT') AS select_rows,
				       has_table_privilege(role, 'user_data', 'INSERT') AS insert_rows,
				       has_table_privilege(role, 'user_data', 'UPDATE') AS update_rows,
				       has_table_privilege(role, 'user_data', 'DELETE') AS delete_rows,
				       has_database_privilege(role, current_database(), 'TEMPORARY') AS temporary_tables,
				       has_schema_privilege(role, current_schema(), 'CREATE') AS create_objects
				FROM (SELECT ?::text AS role) AS runtime""", TestDatabase.runtimeRole().name()))
			.containsExactlyInAnyOrderEntriesOf(Map.of("select_rows", true, "insert_rows", true, "update_rows", false,
					"delete_rows", false, "temporary_tables", false, "create_objects", false));
		try (Connection connection = connectAsRuntimeRole(database); Statement statement = connection.createStatement()) {
			assertThat(statement.executeUpdate(ROW)).isOne();
		}
	}

	private static Map<String, Object> privilegesAndHistory(JdbcTemplate jdbc) {
		return jdbc.queryForMap("""
				SELECT (SELECT relacl::text FROM pg_class WHERE oid = 'user_data'::regclass) AS user_data,
				       (SELECT relacl::text FROM pg_class WHERE oid = 'flyway_schema_history'::regclass) AS history,
				       (SELECT proacl::text FROM pg_proc WHERE proname = 'insert_users_row_by_row') AS function,
				       (SELECT datacl::text FROM pg_database WHERE datname = current_database()) AS database,
				       (SELECT nspacl::text FROM pg_namespace WHERE nspname = current_schema()) AS schema,
				       (SELECT tableowner FROM pg_tables WHERE tablename = 'user_data') AS owner,
				       (SELECT count(*) FROM flyway_schema_history) AS migrations""");
	}

	private static String owner(JdbcTemplate jdbc) {
		return jdbc.queryForObject("SELECT tableowner FROM pg_tables WHERE tablename = 'user_data'", String.class);
	}

	private static Connection connectAsRuntimeRole(String database) throws SQLException {
		return DriverManager.getConnection(database, TestDatabase.runtimeRole().name(), TestDatabase.runtimeRole().password());
	}

	private static void assertRefused(Statement statement, String sql) {
		assertThatThrownBy(() -> statement.execute(sql)).as(sql)
			.isInstanceOfSatisfying(SQLException.class, ex -> assertThat(ex.getSQLState()).as(sql).isEqualTo("42501"));
	}

}
