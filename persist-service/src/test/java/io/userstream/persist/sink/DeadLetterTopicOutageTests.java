package io.userstream.persist.sink;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.userstream.model.Topics;
import io.userstream.model.User;
import io.userstream.persist.UserFlow;
import io.userstream.persist.Users;
import io.userstream.test.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A dead-letter topic that cannot be written (deleted; the test broker creates no topic on its own):
 * the batch waits, readiness says so and names the topic, and once the topic is back the dead letter
 * is delivered, the rest of the batch stored and readiness UP again. The service's other consumer
 * stores its own partitions all the while, and readiness stays DOWN for the one that waits.
 */
@SpringBootTest(properties = { "spring.kafka.producer.properties.max.block.ms=2000",
		"userstream.persist.retry-max-interval=1s" })
@AutoConfigureMockMvc
@DirtiesContext
class DeadLetterTopicOutageTests {

	static final String TOPIC = TestKafka.uniqueTopic("label");

	static final String DEAD_LETTERS = Topics.deadLetterOf(TOPIC);

	@DynamicPropertySource
	static void topic(DynamicPropertyRegistry registry) {
		registry.add("userstream.topics.label", () -> TOPIC);
	}

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void anUnwritableDeadLetterTopicShowsInReadinessUntilItIsBack() throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
			admin.deleteTopics(List.of(DEAD_LETTERS)).all().get();
		}
		UserFlow flow = UserFlow.start(TOPIC, 20);
		try {
			String poisonKey = "poison-" + UUID.randomUUID();
			Users.sendRaw(TOPIC, List.of(poisonKey), List.of("not json".getBytes(StandardCharsets.UTF_8)));

			await().atMost(Duration.ofMinutes(1))
				.untilAsserted(() -> assertThat(this.mvc.get().uri("/actuator/health/readiness")).hasStatus(503)
					.bodyJson()
					.satisfies(body -> assertThat(body).extractingPath("$.components.sink.status").isEqualTo("DOWN"))
					.satisfies(body -> assertThat(body).extractingPath("$.components.sink.details.deadLetterTopic")
						.isEqualTo(DEAD_LETTERS))
					.satisfies(body -> assertThat(body).extractingPath("$.components.sink.details.error")
						.asString()
						.startsWith("org.apache.kafka.")));
			// The other consumer goes on storing its partitions; that must not hide the stall.
			long storedWhenDown = stored(flow.sent());
			await().during(Duration.ofSeconds(5))
				.atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(250))
				.untilAsserted(() -> assertThat(this.mvc.get().uri("/actuator/health/readiness")).hasStatus(503)
					.bodyJson()
					.extractingPath("$.components.sink.details.waitingFor")
					.isEqualTo("dead-letter topic"));
			assertThat(stored(flow.sent())).isGreaterThan(storedWhenDown);

			await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> TestKafka.createTopics(3, DEAD_LETTERS));
			assertThat(TestKafka.awaitKey(DEAD_LETTERS, poisonKey, Duration.ofMinutes(1))).isNotNull();
		}
		finally {
			flow.close();
		}
		await().atMost(Duration.ofMinutes(1))
			.untilAsserted(() -> assertThat(this.mvc.get().uri("/actuator/health/readiness")).hasStatusOk());
		List<User> sent = flow.sent();
		await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(stored(sent)).isEqualTo(sent.size()));
	}

	private long stored(List<User> users) {
		UUID[] ids = users.stream().map(User::id).toArray(UUID[]::new);
		return this.jdbc.queryForObject("select count(*) from user_data where id = any(?)", Long.class, (Object) ids);
	}

}
