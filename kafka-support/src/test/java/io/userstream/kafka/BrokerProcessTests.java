package io.userstream.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.userstream.launcher.KafkaCluster;
import io.userstream.test.BrokerProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The fault suite's broker: killed with kill -9 and started again, it still has what it acknowledged. */
class BrokerProcessTests {

	@Test
	void keepsAcknowledgedRecordsAcrossAKillAndARestartAtTheSameAddress() throws Exception {
		try (KafkaCluster broker = BrokerProcess.start(Path.of("target", "broker-" + UUID.randomUUID()))) {
			try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
				admin.createTopics(List.of(new NewTopic("survives", 1, (short) 1))).all().get();
			}
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
					broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
				producer.send(new ProducerRecord<>("survives", "k", "acknowledged")).get();
			}

			broker.kill(1);
			broker.restart(1);

			try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
					broker.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "reader",
					ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
				consumer.subscribe(List.of("survives"));
				List<String> values = new ArrayList<>();
				long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
				while (values.isEmpty() && System.nanoTime() < deadline) {
					consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
				}
				assertThat(values).containsExactly("acknowledged");
			}
		}
	}

	@Test
	void aClusterOfThreeKeepsTakingWritesWithOneNodeKilledAndCatchesItUpWhenItIsBack() throws Exception {
		try (KafkaCluster cluster = BrokerProcess.cluster(Path.of("target", "cluster-" + UUID.randomUUID()), 3, Map.of(),
				List.of())) {
			try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
				admin.createTopics(List.of(new NewTopic("replicated", 1, (short) 3))).all().get();
			}
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
					cluster.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
				producer.send(new ProducerRecord<>("replicated", "k", "before")).get();
				cluster.kill(1);
				producer.send(new ProducerRecord<>("replicated", "k", "one node down")).get();
				cluster.restart(1);
				cluster.kill(2);
				producer.send(new ProducerRecord<>("replicated", "k", "another node down")).get();
			}

			try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
					cluster.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "reader",
					ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
				consumer.subscribe(List.of("replicated"));
				List<String> values = new ArrayList<>();
				long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
				while (values.size() < 3 && System.nanoTime() < deadline) {
					consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
				}
				assertThat(values).containsExactly("before", "one node down", "another node down");
			}
		}
	}

}
