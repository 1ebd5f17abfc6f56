package io.userstream.label;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.userstream.model.Stage;
import io.userstream.model.Topics;
import io.userstream.model.User;
import io.userstream.model.UserJson;
import io.userstream.test.TestKafka;
import io.userstream.test.TestUsers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = "userstream.labels.seed=20261128")
class LabelServiceTests {

	private static final Set<String> LABELS = Set.of("Good", "Bad", "Excellent", "Awful", "Normal");

	@Test
	void labelsEachOfAThousandUsersOnceKeyedByIdWithLabelsDrawnUniformly() {
		List<User> users = IntStream.range(0, 1000).mapToObj(TestUsers::timestamped).toList();
		try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
			users.forEach(user -> producer.send(new ProducerRecord<>(Topics.TIMESTAMP_TOPIC, user.id().toString(), TestUsers.json(user))));
		}

		Map<String, User> out = TestUsers.committedOnce(Topics.LABEL_TOPIC, users, Stage.LABELED);

		users.forEach(user -> {
			User labeled = out.get(user.id().toString());
			assertThat(labeled.labels()).isIn(LABELS);
			assertThat(labeled.withLabels(null)).isEqualTo(user.withTimestamp(user.timestamp().truncatedTo(ChronoUnit.MICROS)));
		});
		Map<String, Long> counts = out.values().stream().collect(Collectors.groupingBy(User::labels, Collectors.counting()));
		assertThat(LabelingTests.chiSquare(counts, users.size())).as("chi-square, 4 degrees of freedom, p = 0.001")
			.isLessThan(18.47);
	}

	@Test
	void labelsTheOriginalScriptsMessagesThatHaveNoKeyAndAPythonTimestamp() {
		User user = TestUsers.fetched(7).withTimestamp(Instant.parse("2026-11-28T15:01:08.451326Z"));
		try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
			producer.send(new ProducerRecord<>(Topics.TIMESTAMP_TOPIC, null, TestUsers.originalScriptsJson(user)));
		}

		ConsumerRecord<String, byte[]> record = TestKafka.awaitKey(Topics.LABEL_TOPIC, user.id().toString(), Duration.ofMinutes(1));

		User labeled = UserJson.read(record.value(), Stage.LABELED);
		assertThat(labeled.labels()).isIn(LABELS);
		assertThat(labeled.withLabels(null)).isEqualTo(user);
	}

}
