package io.userstream.persist.sink;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.userstream.model.Topics;
import io.userstream.model.User;
import io.userstream.persist.UserFlow;
import io.userstream.persist.Users;
import io.userstream.test.TcpProxy;
import io.userstream.test.TestDatabase;
import io.userstream.test.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real outage: the service reaches its own database through a proxy the test cuts, before the first
 * record and again for longer than the consumer's poll interval while records keep arriving.
 */
@SpringBootTest(properties = { "spring.kafka.consumer.properties.max.poll.interval.ms=6000",
		"spring.datasource.hikari.connection-timeout=1500", "spring.datasource.hikari.validation-timeout=1000",
		"userstream.persist.retry-max-interval=1s" })
@AutoConfigureMockMvc
@DirtiesContext
class DatabaseOutageTests {

	static final String TOPIC = TestKafka.uniqueTopic("label");

	static final String DATABASE = TestDatabase.createAnother();

	static final URI SERVER = URI.create(DATABASE.substring("jdbc:".length()));

	static final TcpProxy PROXY = TcpProxy.to(SERVER.getHost(), SERVER.getPort());

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("userstream.topics.label", () -> TOPIC);
		registry.add("spring.datasource.url", () -> DATABASE.replace("//" + SERVER.getAuthority() + "/",
				"//127.0.0.1:" + PROXY.port() + "/"));
	}

	@AfterAll
	static void closeProxy() {
		PROXY.close();
	}

	@Autowired
	MockMvcTester mvc;

	/** Straight to the database, past the proxy: what the test checks never depends on the cut. */
	final JdbcTemplate jdbc = new JdbcTemplate(
			new DriverManagerDataSource(DATABASE, TestDatabase.username(), TestDatabase.password()));

	@Test
	void anOutageLosesNothingDeadLettersNothingAndShowsInReadiness() throws Exception {
		// Down before the first record, when the sink has not yet read the columns' widths.
		await().atMost(Duration.ofMinutes(1))
			.untilAsserted(() -> assertThat(this.mvc.get().uri("/actuator/health/readiness")).hasStatusOk());
		PROXY.cut();
		List<User> first = Users.labeled(1_000_000, 50);
		Users.send(TOPIC, first);
		awaitSinkWaitingForDatabase();
		PROXY.restore();
		await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(storedRows()).isEqualTo(first.size()));

		UserFlow flow = UserFlow.start(TOPIC, 50);
		try {
			await().atMost(Duration.ofMinutes(1)).until(() -> storedRows() > first.size());
			assertThat(this.mvc.get().uri("/actuator/health/readiness")).hasStatusOk();

			PROXY.cut();
			awaitSinkWaitingForDatabase();
			sleep(Duration.ofSeconds(10));
			PROXY.restore();
		}
		finally {
			flow.close();
		}
		List<User> sent = new ArrayList<>(first);
		sent.addAll(flow.sent());

		await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(storedRows()).isEqualTo(sent.size()));
		UUID[] ids = sent.stream().map(User::id).toArray(UUID[]::new);
		assertThat(this.jdbc.queryForObject("select count(*) from user_data where id = any(?)", Long.class, (Object) ids))
			.isEqualTo(sent.size());
		await().atMost(Duration.ofMinutes(1))
			.untilAsserted(() -> assertThat(this.mvc.get().uri("/actuator/health/readiness")).hasStatusOk());
		assertThat(TestKafka.readCommitted(List.of(Topics.deadLetterOf(TOPIC)), 1, Duration.ofSeconds(5),
				Duration.ZERO)).isEmpty();
	}

	private void awaitSinkWaitingForDatabase() {
		await().atMost(Duration.ofMinutes(1))
			.untilAsserted(() -> assertThat(this.mvc.get().uri("/actuator/health/readiness")).hasStatus(503)
				.bodyJson()
				.satisfies(body -> assertThat(body).extractingPath("$.components.sink.status").isEqualTo("DOWN"))
				.satisfies(body -> assertThat(body).extractingPath("$.components.sink.details.waitingFor")
					.isEqualTo("database")));
	}

	private long storedRows() {
		return this.jdbc.queryForObject("select count(*) from user_data", Long.class);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
