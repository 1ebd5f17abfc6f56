package io.userstream.timestamp;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.userstream.model.Topics;
import io.userstream.test.ServiceProcess;
import io.userstream.test.TestKafka;
import io.userstream.test.TestUsers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stage that cannot work as configured is not left alive but idle: with a target topic that refuses
 * every batch (its max.message.bytes below one record), the first failure kills a stream thread, which
 * is replaced; after that Kafka Streams loops (the transaction is fenced, the task moves, the same
 * records come back) without a thread dying. Nothing is committed while records wait, so past the
 * stall timeout the stage turns liveness DOWN and exits non-zero for its supervisor to restart it.
 */
class StageGivesUpIT {

	@Test
	void exitsWithCode70AfterLivenessGoesDownWhenItCanCommitNothing() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		String source = "gives-up-in-" + run;
		String target = "gives-up-out-" + run;
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(source, 1, (short) 1), new NewTopic(Topics.deadLetterOf(source), 1, (short) 1),
					new NewTopic(target, 1, (short) 1).configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "100"))))
				.all().get();
		}
		try (ServiceProcess stage = ServiceProcess.ofThisModule("timestamp-service-gives-up")
			.with("userstream.topics.users-info", source)
			.with("userstream.topics.timestamp", target)
			.with("userstream.topics.partitions", "1")
			.with("spring.kafka.streams.application-id", "gives-up-" + run)
			.with("spring.kafka.streams.state-dir", "target/processes/state-" + run)
			.with("userstream.streams.stall-timeout", "30s")
			.start()) {
			stage.awaitReady(Duration.ofMinutes(3));
			try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
				for (int i = 0; i < 20; i++) {
					producer.send(new ProducerRecord<>(source, null, TestUsers.json(TestUsers.fetched(i))));
				}
			}

			assertThat(stage.exitCode(Duration.ofMinutes(3))).as("the stage exited by itself").hasValue(70);
			assertThat(Files.readString(stage.log())).contains("replacing it", "No input committed for PT30S",
					"Liveness is DOWN; exiting with code 70");
		}
	}

}
