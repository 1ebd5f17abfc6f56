package io.userstream.kafka.deadletter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import io.userstream.kafka.DeadLetterHeaders;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * Reads a service's dead-letter topic, committed records only, without a consumer group: nothing it
 * reads moves any offset. Newest first means by offset within a partition and by record time across
 * partitions, so a page and the cursor after it never skip or repeat a dead letter, however the
 * times of different partitions interleave.
 */
public class DeadLetterReader {

	private final DeadLetterSource source;

	private final DeadLetterProperties properties;

	private final Supplier<Consumer<String, byte[]>> consumers;

	private Consumer<String, byte[]> consumer;

	private final Map<TopicPartition, Long> countedTo = new HashMap<>();

	private long counted;

	/** A reader of {@code source}'s dead letters, on the service's Kafka settings; close it when done. */
	public static DeadLetterReader of(DeadLetterSource source, DeadLetterProperties properties, KafkaProperties kafka) {
		return new DeadLetterReader(source, properties,
				() -> DeadLetterClients.committedReader(kafka, "dead-letter-reader-" + source.deadLetterTopic()));
	}

	DeadLetterReader(DeadLetterSource source, DeadLetterProperties properties, Supplier<Consumer<String, byte[]>> consumers) {
		this.source = source;
		this.properties = properties;
		this.consumers = consumers;
	}

	public String topic() {
		return this.source.deadLetterTopic();
	}

	/** Up to {@code limit} dead letters older than {@code before} (null: the newest), newest first. */
	public synchronized DeadLetterPage page(int limit, DeadLetterCursor before) {
		return reading(() -> {
			Map<Integer, List<ConsumerRecord<String, byte[]>>> newestFirst = new TreeMap<>();
			Map<Integer, Long> beginnings = new HashMap<>();
			Map<Integer, Long> uppers = new TreeMap<>();
			Ranges ranges = ranges();
			for (TopicPartition partition : ranges.partitions()) {
				long upper = Math.min(before == null ? Long.MAX_VALUE : before.upper(partition.partition()),
						ranges.ends().get(partition));
				uppers.put(partition.partition(), upper);
				beginnings.put(partition.partition(), ranges.beginnings().get(partition));
				newestFirst.put(partition.partition(), newestBefore(partition, upper, limit, ranges.beginnings().get(partition)));
			}
			List<ConsumerRecord<String, byte[]>> taken = new ArrayList<>();
			Map<Integer, Integer> heads = new HashMap<>();
			while (taken.size() < limit) {
				Integer next = null;
				for (var entry : newestFirst.entrySet()) {
					int head = heads.getOrDefault(entry.getKey(), 0);
					if (head < entry.getValue().size() && (next == null || entry.getValue().get(head).timestamp()
							> newestFirst.get(next).get(heads.getOrDefault(next, 0)).timestamp())) {
						next = entry.getKey();
					}
				}
				if (next == null) {
					break;
				}
				int head = heads.getOrDefault(next, 0);
				ConsumerRecord<String, byte[]> record = newestFirst.get(next).get(head);
				taken.add(record);
				heads.put(next, head + 1);
				uppers.put(next, record.offset());
			}
			newestFirst.forEach((partition, records) -> {
				if (records.size() < limit && heads.getOrDefault(partition, 0) == records.size()) {
					uppers.put(partition, beginnings.get(partition));
				}
			});
			boolean more = uppers.entrySet().stream().anyMatch(upper -> upper.getValue() > beginnings.get(upper.getKey()));
			return new DeadLetterPage(taken.stream().map(this::view).toList(),
					more ? new DeadLetterCursor(uppers).encoded() : null);
		});
	}

	/** How many dead letters the topic holds, by the class of the exception that sent them there. */
	public synchronized Map<String, Long> countsByException() {
		return reading(() -> {
			Map<String, Long> counts = new TreeMap<>();
			forEach(record -> counts.merge(String.valueOf(DeadLetterHeaders.exceptionClass(record.headers())), 1L, Long::sum));
			return counts;
		});
	}

	/**
	 * How many committed dead letters the topic holds (transaction markers take offsets but are not
	 * records). Reads only what arrived since the last count; starts over when retention removed some.
	 */
	public synchronized long count() {
		return reading(() -> {
			Ranges ranges = ranges();
			if (ranges.partitions().stream().anyMatch(partition -> this.countedTo.containsKey(partition)
					&& this.countedTo.get(partition) < ranges.beginnings().get(partition))) {
				this.countedTo.clear();
				this.counted = 0;
			}
			for (TopicPartition partition : ranges.partitions()) {
				long from = this.countedTo.getOrDefault(partition, ranges.beginnings().get(partition));
				long to = ranges.ends().get(partition);
				this.counted += read(partition, from, to).size();
				this.countedTo.put(partition, Math.max(from, to));
			}
			return this.counted;
		});
	}

	/** The dead letter at this position, if there is one. */
	synchronized Optional<ConsumerRecord<String, byte[]>> at(int partition, long offset) {
		return reading(() -> {
			Ranges ranges = ranges();
			TopicPartition topicPartition = new TopicPartition(topic(), partition);
			if (!ranges.ends().containsKey(topicPartition) || offset < ranges.beginnings().get(topicPartition)
					|| offset >= ranges.ends().get(topicPartition)) {
				return Optional.empty();
			}
			return read(topicPartition, offset, offset + 1).stream().findFirst();
		});
	}

	/** Every committed dead letter, partition by partition. */
	synchronized List<ConsumerRecord<String, byte[]>> all() {
		return reading(() -> {
			List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
			forEach(records::add);
			return records;
		});
	}

	DeadLetter view(ConsumerRecord<String, byte[]> record) {
		return DeadLetter.of(record, topic(), this.properties.shownValueBytes());
	}

	private void forEach(java.util.function.Consumer<ConsumerRecord<String, byte[]>> action) {
		Ranges ranges = ranges();
		for (TopicPartition partition : ranges.partitions()) {
			read(partition, ranges.beginnings().get(partition), ranges.ends().get(partition)).forEach(action);
		}
	}

	/** Up to {@code count} records below {@code upper}, newest first, reading further back while transaction markers thin them out. */
	private List<ConsumerRecord<String, byte[]>> newestBefore(TopicPartition partition, long upper, int count, long beginning) {
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		long to = upper;
		long window = count;
		while (records.size() < count && to > beginning) {
			long from = Math.max(beginning, to - window);
			List<ConsumerRecord<String, byte[]>> earlier = read(partition, from, to);
			Collections.reverse(earlier);
			records.addAll(earlier);
			to = from;
			window *= 2;
		}
		return records.size() > count ? records.subList(0, count) : records;
	}

	private List<ConsumerRecord<String, byte[]>> read(TopicPartition partition, long from, long to) {
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		if (from >= to) {
			return records;
		}
		Consumer<String, byte[]> consumer = consumer();
		consumer.assign(List.of(partition));
		consumer.seek(partition, from);
		long deadline = System.nanoTime() + this.properties.kafkaTimeout().toNanos();
		while (consumer.position(partition, this.properties.kafkaTimeout()) < to) {
			if (System.nanoTime() > deadline) {
				throw new TimeoutException("Reading " + partition + " from " + from + " to " + to + " took longer than "
						+ this.properties.kafkaTimeout());
			}
			for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
				if (record.offset() < to) {
					records.add(record);
				}
			}
		}
		return records;
	}

	/** Each partition's first offset and its end for a committed reader (the last stable offset). */
	private Ranges ranges() {
		Consumer<String, byte[]> consumer = consumer();
		List<TopicPartition> partitions = consumer.partitionsFor(topic(), this.properties.kafkaTimeout()).stream()
			.map(PartitionInfo::partition)
			.sorted()
			.map(partition -> new TopicPartition(topic(), partition))
			.toList();
		return new Ranges(partitions, consumer.beginningOffsets(partitions, this.properties.kafkaTimeout()),
				consumer.endOffsets(partitions, this.properties.kafkaTimeout()));
	}

	private record Ranges(List<TopicPartition> partitions, Map<TopicPartition, Long> beginnings,
			Map<TopicPartition, Long> ends) {
	}

	private Consumer<String, byte[]> consumer() {
		if (this.consumer == null) {
			this.consumer = this.consumers.get();
		}
		return this.consumer;
	}

	/** Runs a read; after a failure the consumer is closed, so the next read starts from a fresh one. */
	private <T> T reading(Supplier<T> read) {
		try {
			return read.get();
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	public synchronized void close() {
		if (this.consumer != null) {
			this.consumer.close(Duration.ofSeconds(1));
			this.consumer = null;
		}
	}

}
