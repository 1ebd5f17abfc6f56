package io.userstream.persist.deadletter;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import io.userstream.kafka.DeadLetterHeaders;
import io.userstream.model.Topics;
import io.userstream.model.User;
import io.userstream.persist.Users;
import io.userstream.test.TestKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a replay will not do: send a record more often than the configured maximum, or send a dead
 * letter that holds only part of its record; and what a bad request gets.
 */
@SpringBootTest(properties = "userstream.dead-letters.max-replays=1")
@AutoConfigureMockMvc
@DirtiesContext
class ReplayLimitsTests {

	static final String TOPIC = TestKafka.uniqueTopic("label");

	static final RefusedLabel REFUSED = new RefusedLabel();

	@DynamicPropertySource
	static void topic(DynamicPropertyRegistry registry) {
		registry.add("userstream.topics.label", () -> TOPIC);
	}

	static boolean refusing;

	/** Once the context has migrated the schema. */
	@BeforeEach
	void refuseTheLabel() throws SQLException {
		if (!refusing) {
			REFUSED.refuse();
			refusing = true;
		}
	}

	@AfterAll
	static void dropTheConstraint() throws SQLException {
		REFUSED.accept();
	}

	@Autowired
	MockMvcTester mvc;

	@Autowired
	MeterRegistry meters;

	@Test
	void aRecordThatFailsAgainIsDeadLetteredAgainAndReplayedNoMoreThanTheMaximum() throws Exception {
		List<User> refused = REFUSED.users(0, 3);
		Users.send(TOPIC, refused);
		List<String> keys = refused.stream().map(user -> user.id().toString()).toList();
		await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(listedWith(keys)).hasSize(3));

		assertThat(replay(offsetsOf(listedWith(keys)))).isEqualTo(Map.of("replayed", 3, "alreadyReplayed", 0, "notReplayable", List.of()));
		await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(listedWith(keys)).hasSize(6));
		assertThat(listedWith(keys).stream().map(deadLetter -> deadLetter.get("replays"))).containsExactlyInAnyOrder(0, 0, 0, 1, 1, 1);
		assertThat(this.meters.get("userstream.dead.letters.replays.failed").counter().count()).isEqualTo(3);
		assertThat(this.meters.get("userstream.dead.letters").tag("exception", "io.userstream.model.InvalidUserException")
			.counter().count()).isEqualTo(6);

		Map<String, Object> again = replay(offsetsOf(listedWith(keys)));
		assertThat(again).containsEntry("replayed", 0).containsEntry("alreadyReplayed", 3);
		assertThat((List<Map<String, Object>>) again.get("notReplayable")).hasSize(3)
			.allSatisfy(notReplayable -> assertThat(notReplayable.get("reason")).asString().contains("the maximum"));
	}

	@Test
	void aDeadLetterHoldingOnlyPartOfItsRecordIsListedAsSuchAndNotReplayed() throws Exception {
		var headers = DeadLetterHeaders.truncated(DeadLetterHeaders.describe(new RecordHeaders(),
				new IllegalStateException("too large"), TOPIC, 0, 42), 5_000_000);
		try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
			producer.send(new ProducerRecord<>(Topics.deadLetterOf(TOPIC), 0, "truncated-key",
					"{\"id\": \"cut".getBytes(StandardCharsets.UTF_8), headers)).get();
		}
		Map<String, Object> listed = await().atMost(Duration.ofSeconds(30))
			.until(() -> listedWith(List.of("truncated-key")), deadLetters -> deadLetters.size() == 1)
			.get(0);
		assertThat(listed).containsEntry("truncated", true).containsEntry("exceptionClass", "java.lang.IllegalStateException");

		Map<String, Object> answer = replay("{\"offsets\": [{\"partition\": 0, \"offset\": %s}]}".formatted(listed.get("offset")));
		assertThat(answer).containsEntry("replayed", 0);
		assertThat((List<Map<String, Object>>) answer.get("notReplayable")).singleElement()
			.satisfies(notReplayable -> assertThat(notReplayable.get("reason")).asString().contains("cut short"));
	}

	@Test
	void badRequestsGetProblemDetails() {
		for (String body : List.of("{}", "{\"all\": false}", "{\"offsets\": []}",
				"{\"all\": true, \"offsets\": [{\"partition\": 0, \"offset\": 0}]}",
				"{\"offsets\": [{\"partition\": 0}]}", "{\"offsets\": [{\"partition\": -1, \"offset\": 0}]}",
				"{\"offsets\": [{\"partition\": 99, \"offset\": 0}]}",
				"{\"offsets\": [{\"partition\": 0, \"offset\": 999999999}]}", "{\"all\": tru", "[]")) {
			assertThat(this.mvc.post().uri("/dead-letters/replay").contentType(MediaType.APPLICATION_JSON).content(body))
				.as(body)
				.hasStatus(HttpStatus.BAD_REQUEST)
				.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
		assertThat(this.mvc.post().uri("/dead-letters/replay").contentType(MediaType.TEXT_PLAIN).content("all"))
			.hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		for (String query : List.of("limit=0", "limit=501", "limit=many", "before=not-a-cursor", "before=")) {
			assertThat(this.mvc.get().uri("/dead-letters?" + query))
				.as(query)
				.hasStatus(HttpStatus.BAD_REQUEST)
				.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
	}

	private Map<String, Object> replay(String body) throws Exception {
		var result = this.mvc.post().uri("/dead-letters/replay").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
		assertThat(result).hasStatusOk();
		return JsonPath.read(result.getResponse().getContentAsString(), "$");
	}

	private String get(String uri) throws Exception {
		var result = this.mvc.get().uri(uri).exchange();
		assertThat(result).hasStatusOk();
		return result.getResponse().getContentAsString();
	}

	private static String offsetsOf(List<Map<String, Object>> deadLetters) {
		return deadLetters.stream()
			.map(deadLetter -> "{\"partition\": %s, \"offset\": %s}".formatted(deadLetter.get("partition"), deadLetter.get("offset")))
			.collect(Collectors.joining(", ", "{\"offsets\": [", "]}"));
	}

	private List<Map<String, Object>> listedWith(List<String> keys) throws Exception {
		List<Map<String, Object>> deadLetters = JsonPath.read(get("/dead-letters?limit=500"), "$.deadLetters");
		return deadLetters.stream().filter(deadLetter -> keys.contains(deadLetter.get("key"))).toList();
	}

}
