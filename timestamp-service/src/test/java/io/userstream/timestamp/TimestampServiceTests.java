package io.userstream.timestamp;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
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

		Map<String, User> out = TestUsers.committedOnce(Topics.TIMESTAMP_TOPIC, users, Stage.TIMESTAMPED);
		Instant after = Instant.now();

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
