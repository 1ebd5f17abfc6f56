package io.userstream.persist;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.userstream.test.TestDatabase;
import io.userstream.test.TestKafka;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migrate step, then the service's start-up as the runtime role (Flyway's history checked, Hibernate
 * validating the result), on a fresh database and on one the original scripts created.
 */
class SchemaMigrationTests {

	@Test
	void anEmptyDatabaseGetsTheOriginalColumnsAndTheAdditions() {
		String database = TestDatabase.createAnother();

		try (ConfigurableApplicationContext service = start(database)) {
			JdbcTemplate jdbc = jdbc(database);
			assertThat(columns(jdbc)).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(Map.entry("id", "uuid"),
					Map.entry("first_name", "character varying(255)"), Map.entry("last_name", "character varying(255)"),
					Map.entry("gender", "character varying(10)"), Map.entry("address", "text"),
					Map.entry("post_code", "character varying(20)"), Map.entry("email", "character varying(255)"),
					Map.entry("dob", "date"), Map.entry("registered_date", "timestamp with time zone"),
					Map.entry("phone", "character varying(20)"), Map.entry("picture", "character varying(255)"),
					Map.entry("timestamp", "timestamp with time zone"), Map.entry("labels", "character varying(50)"),
					Map.entry("username", "character varying(255)"), Map.entry("published_at", "timestamp with time zone"),
					Map.entry("stored_at", "timestamp with time zone")));
			assertThat(appliedVersions(jdbc)).containsExactly("1", "2", "3", "4", "5");
		}
	}

	@Test
	void aTableTheOriginalScriptsCreatedIsAdoptedWithItsRows() {
		String database = TestDatabase.createAnother();
		JdbcTemplate jdbc = jdbc(database);
		jdbc.execute("""
				CREATE TABLE IF NOT EXISTS user_data (id UUID PRIMARY KEY, first_name VARCHAR(255), last_name VARCHAR(255),
				    gender VARCHAR(10), address TEXT, post_code VARCHAR(20), email VARCHAR(255), dob DATE,
				    registered_date TIMESTAMP, phone VARCHAR(20), picture VARCHAR(255), timestamp TIMESTAMP, labels VARCHAR(50))""");
		jdbc.update("""
				INSERT INTO user_data VALUES ('2a9cb0f5-cbe0-4aab-9561-c2d3c934aa88', 'Bently', 'Martin', 'male',
				    '7954 Pine Rd, Aylmer, Yukon, Canada', 'Z4B 4T0', 'bently.martin@example.com', '1952-10-10',
				    '2019-01-29 23:55:04.691', 'U62 H66-5503', 'https://randomuser.me/api/portraits/med/men/18.jpg',
				    '2026-11-28 15:01:08.451326', 'Good')""");

		try (ConfigurableApplicationContext service = start(database)) {
			assertThat(appliedVersions(jdbc)).containsExactly("0", "1", "2", "3", "4", "5");
			Map<String, Object> row = jdbc.queryForMap("""
					select first_name, username, timestamp = timestamptz '2026-11-28 15:01:08.451326+00' as timestamp_utc,
					       registered_date = timestamptz '2019-01-29 23:55:04.691+00' as registered_utc
					from user_data where id = '2a9cb0f5-cbe0-4aab-9561-c2d3c934aa88'""");
			assertThat(row).containsEntry("first_name", "Bently")
				.containsEntry("timestamp_utc", true)
				.containsEntry("registered_utc", true);
			assertThat(row.get("username")).isNull();
		}
	}

	@Test
	void aDatabaseWithOtherTablesButNoUserDataGetsTheTable() {
		String database = TestDatabase.createAnother();
		JdbcTemplate jdbc = jdbc(database);
		jdbc.execute("CREATE TABLE neighbour (note text)");
		jdbc.update("INSERT INTO neighbour VALUES ('keep')");

		try (ConfigurableApplicationContext service = start(database)) {
			assertThat(appliedVersions(jdbc)).containsExactly("0", "1", "2", "3", "4", "5");
			assertThat(columns(jdbc)).containsKeys("id", "username", "timestamp", "labels");
			assertThat(jdbc.queryForObject("select note from neighbour", String.class)).isEqualTo("keep");
		}
	}

	private static List<String> appliedVersions(JdbcTemplate jdbc) {
		return jdbc.queryForList("select version from flyway_schema_history where success order by installed_rank",
				String.class);
	}

	private static ConfigurableApplicationContext start(String database) {
		Migrations.migrate(database);
		return startService(database);
	}

	/** The long-running service, as the runtime role. */
	static ConfigurableApplicationContext startService(String database) {
		// arguments, not default properties: those would lose to application.properties
		return new SpringApplicationBuilder(PersistApplication.class).run("--spring.datasource.url=" + database,
				"--spring.datasource.username=" + TestDatabase.runtimeRole().name(),
				"--spring.datasource.password=" + TestDatabase.runtimeRole().password(),
				"--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
				"--spring.kafka.listener.auto-startup=false", "--server.port=0");
	}

	static JdbcTemplate jdbc(String database) {
		return new JdbcTemplate(new DriverManagerDataSource(database, TestDatabase.username(), TestDatabase.password()));
	}

	private static Map<String, String> columns(JdbcTemplate jdbc) {
		List<Map<String, Object>> rows = jdbc.queryForList("""
				select attname, format_type(atttypid, atttypmod) as type from pg_attribute
				where attrelid = 'user_data'::regclass and attnum > 0 and not attisdropped""");
		return rows.stream()
			.collect(Collectors.toMap(row -> (String) row.get("attname"), row -> (String) row.get("type")));
	}

}
