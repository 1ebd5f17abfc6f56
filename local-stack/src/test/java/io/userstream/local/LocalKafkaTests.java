package io.userstream.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import io.userstream.test.ServiceProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The local broker takes transactions on one node and keeps its topics across a restart. */
class LocalKafkaTests {

	@TempDir
	Path home;

	@Test
	void aClusterOfThreeBrokerProcessesDoesTheSameWithOneOfThemKilled() throws Exception {
		LocalProperties properties = properties(3);
		LocalKafka kafka = new LocalKafka(properties);
		kafka.start();
		try {
			assertThat(kafka.processes()).containsOnlyKeys("kafka-node-1", "kafka-node-2", "kafka-node-3");
			ProcessHandle killed = kafka.processes().get("kafka-node-2");
			killed.destroyForcibly();
			killed.onExit().get();
			String bootstrap = properties.kafka().bootstrapServers();
			try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
				admin.createTopics(List.of(new NewTopic("kept", 3, (short) 3))).all().get();
			}
			sendCommitted(bootstrap);
			assertThat(readCommitted(bootstrap)).extracting(ConsumerRecord::value).containsExactly("committed");
		}
		finally {
			kafka.stop();
		}
	}

	@Test
	void committedTransactionsAreReadAndTopicsOutliveARestart() throws Exception {
		LocalProperties properties = properties(1);
		String bootstrap = properties.kafka().bootstrapServers();
		LocalKafka kafka = new LocalKafka(properties);
		kafka.start();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
			admin.createTopics(List.of(new NewTopic("kept", 3, (short) 1))).all().get();
		}
		sendCommitted(bootstrap);
		assertThat(readCommitted(bootstrap)).extracting(ConsumerRecord::value).containsExactly("committed");
		kafka.stop();

		kafka.start();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
			assertThat(admin.listTopics().names().get()).contains("kept");
		}
		assertThat(readCommitted(bootstrap)).extracting(ConsumerRecord::value).containsExactly("committed");
		kafka.stop();
	}

	private static void sendCommitted(String bootstrap) {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
				ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.TRANSACTIONAL_ID_CONFIG, "local-test"),
				new StringSerializer(), new StringSerializer())) {
			producer.initTransactions();
			producer.beginTransaction();
			producer.send(new ProducerRecord<>("kept", "id", "committed"));
			producer.commitTransaction();
		}
	}

	private List<ConsumerRecord<String, String>> readCommitted(String bootstrap) {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG,
				"read_committed"), new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(Set.of("kept"));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (System.nanoTime() < deadline) {
				var records = consumer.poll(Duration.ofMillis(500));
				if (!records.isEmpty()) {
					List<ConsumerRecord<String, String>> read = new ArrayList<>();
					records.forEach(read::add);
					return read;
				}
			}
			return List.of();
		}
	}

	/** Two ports a broker, consecutive: a broker's client port, then its controller port. */
	private static int freePorts(int brokers) {
		while (true) {
			int first = ServiceProcess.freePort();
			if (IntStream.range(first, first + 2 * brokers).allMatch(LocalKafkaTests::free)) {
				return first;
			}
		}
	}

	private static boolean free(int port) {
		try (ServerSocket socket = new ServerSocket(port)) {
			return true;
		}
		catch (IOException taken) {
			return false;
		}
	}

	private LocalProperties properties(int brokers) {
		int port = freePorts(brokers);
		return new LocalProperties(this.home, false, Path.of("."), LocalProperties.RandomUserSource.STANDIN, null, 0,
				new LocalProperties.Kafka(port, port + 1, brokers), null, Map.of(), Map.of(),
				List.of(), null, null, null);
	}

}
