package io.userstream.persist.sink;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.userstream.kafka.DeadLetterHeaders;
import io.userstream.model.Topics;
import io.userstream.model.User;
import io.userstream.model.UserJson;
import io.userstream.persist.Users;
import io.userstream.test.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ten thousand records that are not users, from three partitions, into a dead-letter topic of one
 * partition (one created by hand, or before the pipeline declared its topics): every one arrives
 * once, with its reason, and the users among them are stored.
 */
@SpringBootTest(properties = "userstream.topics.partitions=1")
@DirtiesContext
class DeadLetterPartitionsTests {

	static final String TOPIC = TestKafka.uniqueTopic("label");

	static final String DEAD_LETTERS = Topics.deadLetterOf(TOPIC);

	static final int POISON = 10_000;

	@DynamicPropertySource
	static void topics(DynamicPropertyRegistry registry) {
		TestKafka.createTopics(3, TOPIC);
		TestKafka.createTopics(1, DEAD_LETTERS);
		registry.add("userstream.topics.label", () -> TOPIC);
	}

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void everyRecordOfEveryPartitionIsDeadLetteredOnceWithItsReason() {
		List<User> good = Users.labeled(0, 100);
		List<String> keys = new ArrayList<>();
		List<byte[]> values = new ArrayList<>();
		for (int n = 0; n < POISON; n++) {
			keys.add("poison-" + n);
			values.add(("not json " + n).getBytes(StandardCharsets.UTF_8));
			if (n % 100 == 0) {
				User user = good.get(n / 100);
				keys.add(user.id().toString());
				values.add(UserJson.write(user));
			}
		}

		Users.sendRaw(TOPIC, keys, values);

		List<ConsumerRecord<String, byte[]>> deadLetters = TestKafka.readCommitted(List.of(DEAD_LETTERS), POISON,
				Duration.ofMinutes(2), Duration.ofSeconds(2));
		assertThat(deadLetters).hasSize(POISON);
		assertThat(deadLetters.stream().map(ConsumerRecord::key).distinct()).hasSize(POISON)
			.allSatisfy(key -> assertThat(key).startsWith("poison-"));
		assertThat(deadLetters.stream().map(letter -> originalPartition(letter))).containsOnly(0, 1, 2)
			.contains(0, 1, 2);
		assertThat(deadLetters).allSatisfy(letter -> {
			assertThat(letter.partition()).isZero();
			assertThat(DeadLetterHeaders.reason(letter.headers())).startsWith("not a user JSON: ");
			assertThat(DeadLetterHeaders.originalOffset(letter.headers())).isNotNegative();
			assertThat(letter.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_STACKTRACE)).isNull();
			assertThat(new String(letter.value(), StandardCharsets.UTF_8))
				.isEqualTo("not json " + letter.key().substring("poison-".length()));
		});
		UUID[] ids = good.stream().map(User::id).toArray(UUID[]::new);
		assertThat(this.jdbc.queryForObject("select count(*) from user_data where id = any(?)", Long.class, (Object) ids))
			.isEqualTo(good.size());
	}

	private static int originalPartition(ConsumerRecord<String, byte[]> letter) {
		return ByteBuffer.wrap(letter.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION).value()).getInt();
	}

}
