package io.userstream.timestamp;

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

@SpringBootTest
class TimestampServiceTests {

	@Test
	void stampsEachOfAThousandUsersOnceKeyedByIdWithATimestampFromTheRun() {
		List<User> users = IntStream.range(0, 1000).mapToObj(TestUsers::fetched).toList();
		Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
		try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
			users.forEach(user -> producer.send(new ProducerRecord<>(Topics.USERS_INFO, user.id().toString(), TestUsers.json(user))));
		}

		Set<String> keys = users.stream().map(user -> user.id().toString()).collect(Collectors.toSet());
		List<ConsumerRecord<String, byte[]>> records = TestKafka.readCommitted(List.of(Topics.TIMESTAMP_TOPIC), users.size(),
				Duration.ofMinutes(1), Duration.ofSeconds(2)).stream().filter(record -> keys.contains(record.key())).toList();
		Instant after = Instant.now();

		Map<String, User> out = records.stream().collect(Collectors.toMap(ConsumerRecord::key,
				record -> UserJson.read(record.value(), Stage.TIMESTAMPED), (first, again) -> first));
		assertThat(records).as("each key exactly once").hasSize(users.size());
		assertThat(out.keySet()).isEqualTo(keys);
		users.forEach(user -> {
			User stamped = out.get(user.id().toString());
			assertThat(stamped.timestamp()).isBetween(before, after);
			assertThat(stamped.withTimestamp(null)).isEqualTo(user);
		});
	}

	@Test
	void stampsTheOriginalScriptsMessagesThatHaveNoKeyAndANumericPostCode() {
		User user = TestUsers.fetched(7);
		try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
			producer.send(new ProducerRecord<>(Topics.USERS_INFO, null, TestUsers.originalScriptsJson(user)));
		}

		ConsumerRecord<String, byte[]> record = TestKafka.awaitKey(Topics.TIMESTAMP_TOPIC, user.id().toString(),
				Duration.ofMinutes(1));
		User stamped = UserJson.read(record.value(), Stage.TIMESTAMPED);
		assertThat(stamped.withTimestamp(null)).isEqualTo(user);
		assertThat(stamped.postCode()).isEqualTo(user.postCode());
	}

}
