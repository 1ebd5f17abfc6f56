package io.userstream.kafka.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.userstream.kafka.DeadLetterHeaders;
import io.userstream.kafka.deadletter.ReplayRequest.Position;
import io.userstream.kafka.deadletter.ReplaySummary.NotReplayable;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends dead letters back to the topic they failed on, as the bytes that failed, and notes each one
 * replayed in a compacted topic, both in one Kafka transaction. Every instance of the service uses
 * the same transactional id, so a replay that starts fences any other still running and aborts what
 * it had not committed; the notes it then reads are complete, and no dead letter goes back twice.
 */
public class DeadLetterReplay {

	private static final Logger logger = LoggerFactory.getLogger(DeadLetterReplay.class);

	private final DeadLetterSource source;

	private final DeadLetterProperties properties;

	private final DeadLetterReader reader;

	private final Supplier<Producer<String, byte[]>> producers;

	private final Supplier<Consumer<String, byte[]>> consumers;

	private final Counter replayed;

	DeadLetterReplay(DeadLetterSource source, DeadLetterProperties properties, DeadLetterReader reader,
			Supplier<Producer<String, byte[]>> producers, Supplier<Consumer<String, byte[]>> consumers,
			MeterRegistry meterRegistry) {
		this.source = source;
		this.properties = properties;
		this.reader = reader;
		this.producers = producers;
		this.consumers = consumers;
		this.replayed = Counter.builder("userstream.dead.letters.replayed")
			.description("Dead letters sent back to the topic they failed on")
			.tag("topic", source.deadLetterTopic())
			.register(meterRegistry);
	}

	synchronized ReplaySummary replay(ReplayRequest request) {
		List<ConsumerRecord<String, byte[]>> deadLetters = request.everything() ? this.reader.all() : at(request.offsets());
		try (Producer<String, byte[]> producer = this.producers.get()) {
			producer.initTransactions();
			Set<String> replayedBefore = notes();
			List<NotReplayable> notReplayable = new ArrayList<>();
			int alreadyReplayed = 0;
			List<ProducerRecord<String, byte[]>> sends = new ArrayList<>();
			String now = Instant.now().toString();
			for (ConsumerRecord<String, byte[]> deadLetter : deadLetters) {
				String note = note(deadLetter);
				int replays = DeadLetterHeaders.replayCount(deadLetter.headers(), this.source.deadLetterTopic());
				if (replayedBefore.contains(note)) {
					alreadyReplayed++;
				}
				else if (DeadLetterHeaders.isTruncated(deadLetter.headers())) {
					notReplayable.add(new NotReplayable(deadLetter.partition(), deadLetter.offset(),
							"its value was cut short to fit the dead-letter topic"));
				}
				else if (replays >= this.properties.maxReplays()) {
					notReplayable.add(new NotReplayable(deadLetter.partition(), deadLetter.offset(),
							"replayed " + replays + " times already, the maximum"));
				}
				else if (replayedBefore.add(note)) {
					sends.add(new ProducerRecord<>(this.source.topic(), null, deadLetter.key(), deadLetter.value(),
							DeadLetterHeaders.replayed(deadLetter.headers(), this.source.deadLetterTopic(),
									deadLetter.partition(), deadLetter.offset(), replays + 1)));
					sends.add(new ProducerRecord<>(this.source.replayNotesTopic(), note, now.getBytes(StandardCharsets.UTF_8)));
				}
			}
			if (!sends.isEmpty()) {
				send(producer, sends);
			}
			int replayedNow = sends.size() / 2;
			this.replayed.increment(replayedNow);
			logger.info("Replayed {} dead letters of {} to {}; {} replayed before, {} not replayable", replayedNow,
					this.source.deadLetterTopic(), this.source.topic(), alreadyReplayed, notReplayable.size());
			return new ReplaySummary(replayedNow, alreadyReplayed, notReplayable);
		}
	}

	private List<ConsumerRecord<String, byte[]>> at(List<Position> positions) {
		List<ConsumerRecord<String, byte[]>> deadLetters = new ArrayList<>();
		for (Position position : positions) {
			deadLetters.add(this.reader.at(position.partition(), position.offset())
				.orElseThrow(() -> new IllegalArgumentException("there is no dead letter at partition "
						+ position.partition() + ", offset " + position.offset())));
		}
		return deadLetters;
	}

	private static void send(Producer<String, byte[]> producer, List<ProducerRecord<String, byte[]>> sends) {
		producer.beginTransaction();
		try {
			sends.forEach(producer::send);
			producer.commitTransaction();
		}
		catch (KafkaException ex) {
			try {
				producer.abortTransaction();
			}
			catch (KafkaException abortFailed) {
				ex.addSuppressed(abortFailed);
			}
			throw ex;
		}
	}

	private static String note(ConsumerRecord<String, byte[]> deadLetter) {
		return deadLetter.partition() + "@" + deadLetter.offset();
	}

	/** The positions replayed so far, as committed; read after this replay fenced every other. */
	private Set<String> notes() {
		Set<String> notes = new HashSet<>();
		Duration timeout = this.properties.kafkaTimeout();
		try (Consumer<String, byte[]> consumer = this.consumers.get()) {
			List<TopicPartition> partitions = consumer.partitionsFor(this.source.replayNotesTopic(), timeout).stream()
				.map(PartitionInfo::partition)
				.map(partition -> new TopicPartition(this.source.replayNotesTopic(), partition))
				.toList();
			var ends = consumer.endOffsets(partitions, timeout);
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			long deadline = System.nanoTime() + timeout.toNanos();
			for (TopicPartition partition : partitions) {
				while (consumer.position(partition, timeout) < ends.get(partition)) {
					if (System.nanoTime() > deadline) {
						throw new TimeoutException("Reading " + this.source.replayNotesTopic() + " took longer than " + timeout);
					}
					consumer.poll(Duration.ofMillis(200)).forEach(record -> notes.add(record.key()));
				}
			}
		}
		return notes;
	}

}
