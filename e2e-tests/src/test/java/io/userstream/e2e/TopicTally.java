package io.userstream.e2e;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What a topic received after a mark, as a downstream reader sees it (read_committed): how many
 * records and how many distinct keys. A key that came twice is a doubled record even where the
 * table's primary key hides it.
 */
final class TopicTally {

	private final String bootstrapServers;

	private final String topic;

	private final Map<TopicPartition, Long> mark;

	private TopicTally(String bootstrapServers, String topic, Map<TopicPartition, Long> mark) {
		this.bootstrapServers = bootstrapServers;
		this.topic = topic;
		this.mark = mark;
	}

	/** From the topic's committed end now on. */
	static TopicTally from(String bootstrapServers, String topic) {
		return new TopicTally(bootstrapServers, topic, committedEnds(bootstrapServers, topic));
	}

	/** Records and distinct keys between the mark and the committed end now. */
	Count count() {
		Map<TopicPartition, Long> ends = committedEnds(this.bootstrapServers, this.topic);
		Map<String, Integer> keys = new HashMap<>();
		long records = 0;
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
			consumer.assign(ends.keySet());
			this.mark.forEach(consumer::seek);
			long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
			while (!reached(consumer, ends) && System.nanoTime() < deadline) {
				for (var record : consumer.poll(Duration.ofMillis(200))) {
					if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
						records++;
						keys.merge(String.valueOf(record.key()), 1, Integer::sum);
					}
				}
			}
		}
		return new Count(records, keys.size());
	}

	private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
		return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
	}

	private static Map<TopicPartition, Long> committedEnds(String bootstrapServers, String topic) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
				.partitions().stream().map(info -> new TopicPartition(topic, info.partition())).toList();
			return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())),
					new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
				.all().get().entrySet().stream()
				.collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not read the end offsets of " + topic, ex);
		}
	}

	/** @param doubled records beyond the first of their key */
	record Count(long records, long keys) {

		long doubled() {
			return this.records - this.keys;
		}

	}

}
