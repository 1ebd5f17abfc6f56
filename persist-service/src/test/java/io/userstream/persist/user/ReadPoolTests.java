package io.userstream.persist.user;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.userstream.model.User;
import io.userstream.persist.Users;
import io.userstream.test.TestDatabase;
import io.userstream.test.TestKafka;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Reads never starve writes: the read API's pool is its own, small, and its statements time out. */
@SpringBootTest(properties = { "userstream.read-api.datasource.data-source-properties.options=-c statement_timeout=1000",
		"userstream.read-api.datasource.connection-timeout=1000" })
@AutoConfigureMockMvc
@DirtiesContext
class ReadPoolTests {

	static final String TOPIC = TestKafka.uniqueTopic("label");

	@DynamicPropertySource
	static void topic(DynamicPropertyRegistry registry) {
		registry.add("userstream.topics.label", () -> TOPIC);
	}

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	@Qualifier("readApi")
	DataSource readApiPool;

	@Test
	void aReadTheDatabaseDoesNotAnswerInTimeIsA503Problem() throws Exception {
		// the owner: the service's runtime role may not lock the table exclusively
		try (Connection locker = TestDatabase.connect(); Statement statement = locker.createStatement()) {
			// should the read wait for the lock regardless, the server ends this lock within 15 s, so the test fails rather than hangs
			statement.execute("SET idle_in_transaction_session_timeout = '15s'");
			locker.setAutoCommit(false);
			statement.execute("LOCK TABLE user_data IN ACCESS EXCLUSIVE MODE");

			assertThat(this.mvc.get().uri("/users/stats")).hasStatus(503)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.bodyText()
				.contains("\"errorId\"")
				.doesNotContain("jdbc", "localhost", "Exception");
			locker.rollback();
		}
		assertThat(this.mvc.get().uri("/users/stats")).hasStatusOk();
	}

	@Test
	void theSinkKeepsWritingWhileEveryReadConnectionIsTaken() throws Exception {
		List<Connection> held = new ArrayList<>();
		try {
			for (int n = 0; n < 4; n++) {
				held.add(this.readApiPool.getConnection());
			}
			assertThat(this.mvc.get().uri("/users?size=1")).hasStatus(503)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
			List<User> users = Users.labeled(0, 100);

			Users.send(TOPIC, users);

			UUID[] ids = users.stream().map(User::id).toArray(UUID[]::new);
			await().atMost(Duration.ofMinutes(1))
				.untilAsserted(() -> assertThat(this.jdbc.queryForObject("select count(*) from user_data where id = any(?)",
						Long.class, (Object) ids))
					.isEqualTo(users.size()));
		}
		finally {
			for (Connection connection : held) {
				connection.close();
			}
		}
	}

}
