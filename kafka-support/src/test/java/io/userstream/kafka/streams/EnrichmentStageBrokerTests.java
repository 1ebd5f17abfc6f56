package io.userstream.kafka.streams;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.userstream.kafka.DeadLetterHeaders;
import io.userstream.kafka.RecordTracing;
import io.userstream.model.Stage;
import io.userstream.model.User;
import io.userstream.model.UserJson;
import io.userstream.test.TestKafka;
import io.userstream.test.TestUsers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.support.KafkaHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The stage on a real broker, under exactly_once_v2, as spring-kafka and Boot run it. */
@SpringBootTest(properties = { "spring.config.import=classpath:userstream-streams.properties",
		"spring.application.name=topology-test", "userstream.topics.users-info=topology-in",
		"userstream.topics.timestamp=topology-out", "userstream.topics.label=topology-unused" })
class EnrichmentStageBrokerTests {

	private static final String IN = "topology-in";

	private static final String OUT = "topology-out";

	@Autowired
	MeterRegistry meterRegistry;

	@Autowired
	KafkaStreamsHealthIndicator health;

	@Test
	void poisonGoesToTheDeadLetterTopicWithItsOriginalBytesAndTheGoodOnesFlowOn() throws Exception {
		List<User> good = new ArrayList<>();
		Map<String, byte[]> poison = Map.of("garbage", "\u0000not json at all".getBytes(StandardCharsets.UTF_8),
				"no-id", "{\"first_name\":\"A\",\"last_name\":\"B\",\"email\":\"a@example.com\"}".getBytes(StandardCharsets.UTF_8),
				"bad-id", "{\"id\":\"not-a-uuid\",\"first_name\":\"A\",\"last_name\":\"B\",\"email\":\"a@example.com\"}"
					.getBytes(StandardCharsets.UTF_8));
		long publishTime = System.currentTimeMillis() - 60_000;
		try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
			for (int i = 0; i < 30; i++) {
				User user = TestUsers.fetched(i);
				good.add(user);
				producer.send(new ProducerRecord<>(IN, null, publishTime, null, TestUsers.json(user)));
				if (i % 10 == 5) {
					poison.forEach((key, value) -> producer.send(new ProducerRecord<>(IN, key, value)));
				}
			}
		}

		List<ConsumerRecord<String, byte[]>> out = TestKafka.readCommitted(List.of(OUT), good.size(), Duration.ofMinutes(1),
				Duration.ofSeconds(1));
		List<ConsumerRecord<String, byte[]>> dead = TestKafka.readCommitted(List.of(IN + "-dlt"), 9, Duration.ofMinutes(1),
				Duration.ofSeconds(1));

		Map<String, ConsumerRecord<String, byte[]>> outByKey = out.stream()
			.collect(Collectors.toMap(ConsumerRecord::key, Function.identity()));
		assertThat(outByKey).hasSize(good.size()).hasSameSizeAs(out);
		for (User user : good) {
			ConsumerRecord<String, byte[]> record = outByKey.get(user.id().toString());
			assertThat(UserJson.read(record.value(), Stage.FETCHED)).isEqualTo(user.withLabels("enriched"));
			assertThat(record.timestamp()).isEqualTo(publishTime);
		}
		assertThat(dead).hasSize(9).allSatisfy(record -> {
			assertThat(record.value()).isEqualTo(poison.get(record.key()));
			assertThat(DeadLetterHeaders.reason(record.headers())).isNotBlank();
			assertThat(new String(record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC).value(), StandardCharsets.UTF_8))
				.isEqualTo(IN);
			assertThat(DeadLetterHeaders.originalOffset(record.headers())).isNotNegative();
		});
		assertThat(dead.stream().filter(record -> record.key().equals("no-id")).map(r -> DeadLetterHeaders.reason(r.headers())))
			.allMatch(reason -> reason.contains("id is missing"));
		assertThat(this.meterRegistry.get("userstream.stream.records").tag("outcome", "dead-lettered").counter().count())
			.isGreaterThanOrEqualTo(9);
		assertThat(this.meterRegistry.get("userstream.stream.records").tag("outcome", "enriched").counter().count())
			.isGreaterThanOrEqualTo(30);
		assertThat(this.meterRegistry.get("userstream.stream.processing").timer().count()).isGreaterThanOrEqualTo(39);
		assertThat(this.meterRegistry.find("kafka.stream.thread.process.total").meters()).isNotEmpty();
	}

	@Test
	void healthIsUpWhileTheStreamsRun() {
		await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(this.health.health(true).getStatus()).isEqualTo(Status.UP));
		assertThat(this.health.health(true).getDetails()).containsEntry("state", "RUNNING");
	}

	@Test
	void healthIsDownWhileNoStreamsRun() {
		var notStarted = new KafkaStreamsHealthIndicator(new StreamsBuilderFactoryBean()).health(true);

		assertThat(notStarted.getStatus()).isEqualTo(Status.DOWN);
		assertThat(notStarted.getDetails()).containsEntry("state", "NOT_STARTED");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableKafkaStreams
	static class App {

		@Bean
		KStream<String, byte[]> stage(StreamsBuilder builder, MeterRegistry meterRegistry) {
			return EnrichmentTopology.build(builder, new StreamRoute(IN, OUT, Stage.FETCHED),
					user -> user.withLabels("enriched"), meterRegistry, RecordTracing.NONE);
		}

	}

}
