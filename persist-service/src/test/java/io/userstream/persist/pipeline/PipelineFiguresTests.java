package io.userstream.persist.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.userstream.model.Topics;
import io.userstream.model.User;
import io.userstream.persist.Users;
import io.userstream.test.TestKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The figures behind the pipeline page, from the real broker and the real table; its files open without the token. */
@SpringBootTest(properties = "userstream.pipeline-page.stall-after=2s")
@AutoConfigureMockMvc
@DirtiesContext
class PipelineFiguresTests {

	static final String USERS_INFO = TestKafka.uniqueTopic("users-info");

	static final String LABEL = TestKafka.uniqueTopic("label");

	@DynamicPropertySource
	static void topics(DynamicPropertyRegistry registry) {
		registry.add("userstream.topics.users-info", () -> USERS_INFO);
		registry.add("userstream.topics.timestamp", () -> TestKafka.uniqueTopic("timestamp"));
		registry.add("userstream.topics.label", () -> LABEL);
	}

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void storedUsersShowWithTheirLatencyAndAStageThatDoesNotMoveIsMarked() throws Exception {
		List<User> users = Users.labeled(0, 50);
		Instant before = Instant.now();
		Users.send(LABEL, users);
		try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
			for (int n = 0; n < 5; n++) {
				producer.send(new ProducerRecord<>(USERS_INFO, "waiting-" + n, "{}".getBytes(StandardCharsets.UTF_8))).get();
			}
			producer.send(new ProducerRecord<>(Topics.deadLetterOf(LABEL), "poison", "not a user".getBytes(StandardCharsets.UTF_8))).get();
		}

		String pipeline = await().atMost(Duration.ofMinutes(1)).until(this::pipeline,
				json -> JsonPath.<Integer>read(json, "$.database.latency.users") >= 50
						&& !JsonPath.<Boolean>read(json, "$.kafka.stages[0].consuming"));

		assertThat(JsonPath.<Object>read(pipeline, "$.kafkaError")).isNull();
		assertThat(JsonPath.<Object>read(pipeline, "$.databaseError")).isNull();
		assertThat(JsonPath.<List<String>>read(pipeline, "$.kafka.topics[*].name")).containsExactly(USERS_INFO,
				JsonPath.read(pipeline, "$.kafka.topics[1].name"), LABEL);
		assertThat(JsonPath.<Integer>read(pipeline, "$.kafka.topics[2].records")).isEqualTo(50);
		Map<String, Object> persist = JsonPath.read(pipeline, "$.kafka.stages[2]");
		assertThat(persist).containsEntry("service", "persist-service").containsEntry("group", "persist-sink")
			.containsEntry("committed", 50).containsEntry("lag", 0).containsEntry("consuming", true);
		Map<String, Object> timestamp = JsonPath.read(pipeline, "$.kafka.stages[0]");
		assertThat(timestamp).containsEntry("lag", 5).containsEntry("hasOffsets", false).containsEntry("consuming", false);
		assertThat(JsonPath.<List<String>>read(pipeline, "$.kafka.deadLetters[2].latest[*].key")).containsExactly("poison");
		assertThat(JsonPath.<Integer>read(pipeline, "$.kafka.deadLetters[2].records")).isEqualTo(1);

		assertThat(JsonPath.<Integer>read(pipeline, "$.database.rows").longValue())
			.isEqualTo(this.jdbc.queryForObject("select count(*) from user_data", Long.class));
		assertThat(JsonPath.<Double>read(pipeline, "$.database.latency.p50Millis")).isNotNull().isPositive();
		assertThat(JsonPath.<Double>read(pipeline, "$.database.latency.p99Millis"))
			.isGreaterThanOrEqualTo(JsonPath.<Double>read(pipeline, "$.database.latency.p50Millis"));
		UUID first = users.get(0).id();
		Map<String, Object> times = this.jdbc.queryForMap("select published_at, stored_at from user_data where id = ?", first);
		assertThat(((java.sql.Timestamp) times.get("published_at")).toInstant()).isBetween(before.minusSeconds(1), Instant.now());
		assertThat((java.sql.Timestamp) times.get("stored_at")).isAfterOrEqualTo((java.sql.Timestamp) times.get("published_at"));
	}

	@Test
	void thePageAndItsFilesAnswerWithoutTheTokenTheFiguresDoNot() {
		assertThat(this.mvc.get().uri("/").header(HttpHeaders.AUTHORIZATION, "")).hasStatusOk();
		for (String file : List.of("/index.html", "/js/pipeline.js", "/css/pipeline.css", "/webjars/uplot/dist/uPlot.iife.min.js")) {
			assertThat(this.mvc.get().uri(file).header(HttpHeaders.AUTHORIZATION, "")).as(file).hasStatusOk();
		}
		assertThat(this.mvc.get().uri("/").header(HttpHeaders.AUTHORIZATION, "")).hasForwardedUrl("index.html");
		assertThat(this.mvc.get().uri("/index.html").header(HttpHeaders.AUTHORIZATION, "")).bodyText().contains("Enter the API token");
		assertThat(this.mvc.get().uri("/pipeline").header(HttpHeaders.AUTHORIZATION, ""))
			.hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	private String pipeline() throws Exception {
		var result = this.mvc.get().uri("/pipeline").exchange();
		assertThat(result).hasStatusOk();
		return result.getResponse().getContentAsString();
	}

}
