package io.userstream.timestamp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import io.userstream.test.TestKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A stream stage serves its own dead letters; one replayed that fails again comes back, counted as such. */
@SpringBootTest(properties = "spring.kafka.streams.application-id=timestamp-dead-letters-${random.uuid}")
@AutoConfigureMockMvc
class StageDeadLetterTests {

	static final String USERS_INFO = TestKafka.uniqueTopic("users-info");

	@DynamicPropertySource
	static void topics(DynamicPropertyRegistry registry) {
		registry.add("userstream.topics.users-info", () -> USERS_INFO);
		registry.add("userstream.topics.timestamp", () -> TestKafka.uniqueTopic("timestamp"));
	}

	@Autowired
	MockMvcTester mvc;

	@Autowired
	MeterRegistry meters;

	@Test
	void aPoisonRecordIsListedWithItsReasonAndAReplayThatFailsAgainIsDeadLetteredAgain() throws Exception {
		try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
			producer.send(new ProducerRecord<>(USERS_INFO, "poison", "not a user".getBytes(StandardCharsets.UTF_8))).get();
		}
		List<Map<String, Object>> first = await().atMost(Duration.ofMinutes(1)).until(this::deadLetters, list -> list.size() == 1);
		assertThat(first.get(0)).containsEntry("key", "poison")
			.containsEntry("value", "not a user")
			.containsEntry("exceptionClass", "io.userstream.model.InvalidUserException")
			.containsEntry("originalTopic", USERS_INFO)
			.containsEntry("replays", 0);
		assertThat(first.get(0).get("reason")).asString().startsWith("not a user JSON");

		assertThat(this.mvc.post().uri("/dead-letters/replay").contentType(MediaType.APPLICATION_JSON)
			.content("{\"offsets\": [{\"partition\": %s, \"offset\": %s}]}".formatted(first.get(0).get("partition"), first.get(0).get("offset"))))
			.hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("{\"replayed\": 1}");

		List<Map<String, Object>> both = await().atMost(Duration.ofMinutes(1)).until(this::deadLetters, list -> list.size() == 2);
		assertThat(both.get(0)).containsEntry("key", "poison").containsEntry("replays", 1);
		assertThat(this.meters.get("userstream.dead.letters.replays.failed").counter().count()).isEqualTo(1);
		assertThat(this.mvc.get().uri("/dead-letters/summary")).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("{\"total\": 2, \"byException\": {\"io.userstream.model.InvalidUserException\": 2}}");
	}

	private List<Map<String, Object>> deadLetters() throws Exception {
		var result = this.mvc.get().uri("/dead-letters").exchange();
		assertThat(result).hasStatusOk();
		return JsonPath.read(result.getResponse().getContentAsString(), "$.deadLetters");
	}

}
