package io.userstream.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
	void committedTransactionsAreReadAndTopicsOutliveARestart() throws Exception {
		LocalProperties properties = properties();
		String bootstrap = properties.kafka().bootstrapServers();
		LocalKafka kafka = new LocalKafka(properties);
		kafka.start();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
			admin.createTopics(List.of(new NewTopic("kept", 3, (short) 1))).all().get();
		}
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
				ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.TRANSACTIONAL_ID_CONFIG, "local-test"),
				new StringSerializer(), new StringSerializer())) {
			producer.initTransactions();
			producer.beginTransaction();
			producer.send(new ProducerRecord<>("kept", "id", "committed"));
			producer.commitTransaction();
		}
		assertThat(readCommitted(bootstrap)).extracting(ConsumerRecord::value).containsExactly("committed");
		kafka.stop();

		kafka.start();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
			assertThat(admin.listTopics().names().get()).contains("kept");
		}
		assertThat(readCommitted(bootstrap)).extracting(ConsumerRecord::value).containsExactly("committed");
		kafka.stop();
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

	private LocalProperties properties() {
		return new LocalProperties(this.home, false, Path.of("."), LocalProperties.RandomUserSource.STANDIN, null, 0,
				new LocalProperties.Kafka(ServiceProcess.freePort(), ServiceProcess.freePort()), null, Map.of(), Map.of(),
				List.of(), null, null, null);
	}

}
