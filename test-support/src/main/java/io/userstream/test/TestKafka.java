package io.userstream.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.kafka.test.EmbeddedKafkaBroker;

/**
 * The one broker of this test JVM (spring-kafka-test's global embedded KRaft broker, switched on by
 * this module's {@code junit-platform.properties}) and plain clients for tests to write and read with.
 */
public final class TestKafka {

	private TestKafka() {
	}

	public static String bootstrapServers() {
		String brokers = System.getProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
		if (brokers == null) {
			throw new IllegalStateException("No embedded broker: JUnit did not read test-support's junit-platform.properties");
		}
		return brokers;
	}

	/** A topic name no other test uses, so tests never read each other's records. */
	public static String uniqueTopic(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	public static void createTopics(int partitions, String... names) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
			List<NewTopic> topics = new ArrayList<>();
			for (String name : names) {
				topics.add(new NewTopic(name, partitions, (short) 1));
			}
			admin.createTopics(topics).all().get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not create topics", ex);
		}
	}

	public static KafkaProducer<String, byte[]> producer() {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
				new StringSerializer(), new ByteArraySerializer());
	}

	/** A consumer that sees committed records only, as the pipeline's own consumers do. */
	public static KafkaConsumer<String, byte[]> committedReader(String... topics) {
		KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
				ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
				ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
				new StringDeserializer(), new ByteArrayDeserializer());
		consumer.subscribe(List.of(topics));
		return consumer;
	}

	/**
	 * Reads committed records until {@code expected} have arrived or the timeout passes, then keeps
	 * reading for {@code quiet} more so that surplus records (duplicates) show up too.
	 */
	public static List<ConsumerRecord<String, byte[]>> readCommitted(Collection<String> topics, int expected,
			Duration timeout, Duration quiet) {
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = committedReader(topics.toArray(String[]::new))) {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (records.size() < expected && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
			long quietEnd = System.nanoTime() + quiet.toNanos();
			while (System.nanoTime() < quietEnd) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
		}
		return records;
	}

	/** The first committed record with this key, read from the beginning; fails after the timeout. */
	public static ConsumerRecord<String, byte[]> awaitKey(String topic, String key, Duration timeout) {
		try (KafkaConsumer<String, byte[]> consumer = committedReader(topic)) {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (System.nanoTime() < deadline) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (key.equals(record.key())) {
						return record;
					}
				}
			}
		}
		throw new AssertionError("No record with key " + key + " in " + topic + " within " + timeout);
	}

}
