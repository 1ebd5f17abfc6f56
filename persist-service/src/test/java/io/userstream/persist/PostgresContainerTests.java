package io.userstream.persist;

import java.time.Duration;
import java.util.List;

import io.userstream.model.User;
import io.userstream.test.TestKafka;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Testcontainers twin: migrations and the sink on PostgreSQL 14, the oldest version the SQL must
 * run on. Skipped where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest
@DirtiesContext
class PostgresContainerTests {

	@Container
	@ServiceConnection
	static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:14-alpine");

	static final String TOPIC = TestKafka.uniqueTopic("label");

	@DynamicPropertySource
	static void topic(DynamicPropertyRegistry registry) {
		registry.add("userstream.topics.label", () -> TOPIC);
	}

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void migratesAndStoresOnPostgres14() {
		List<User> users = Users.labeled(0, 100);

		Users.send(TOPIC, users);

		await().atMost(Duration.ofMinutes(1))
			.untilAsserted(() -> assertThat(this.jdbc.queryForObject("select count(*) from user_data", Long.class))
				.isEqualTo(100));
	}

}
