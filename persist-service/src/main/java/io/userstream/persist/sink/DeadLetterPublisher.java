package io.userstream.persist.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.userstream.model.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * spring-kafka's recoverer for a batch: each record goes to {@code <topic>-dlt}, on its own partition
 * while the dead-letter topic has it, else on one the producer picks. The partition count comes from
 * the producer's metadata, which it keeps, rather than from the recoverer's own check through the
 * consumer, which asks the broker again for every record of a topic the consumer does not read. The
 * library waits for each send before the next; here the whole batch is sent before any result is
 * checked, so it waits about as long as its slowest send, not the sum of them. A send that fails
 * fails the batch, so its offsets are not committed.
 * <p>
 * The headers are those of the stream stages plus the original timestamp: no stack trace (large, and
 * about this code rather than the record), no cause class (called directly rather than from an error
 * handler, the recoverer would only name the reason's own class again).
 */
@Component
class DeadLetterPublisher extends DeadLetterPublishingRecoverer {

	private final ThreadLocal<List<Runnable>> pendingVerifications = ThreadLocal.withInitial(ArrayList::new);

	DeadLetterPublisher(KafkaOperations<String, byte[]> kafka) {
		super(kafka, (record, reason) -> {
			String deadLetterTopic = Topics.deadLetterOf(record.topic());
			boolean samePartition = record.partition() < kafka.partitionsFor(deadLetterTopic).size();
			return new TopicPartition(deadLetterTopic, samePartition ? record.partition() : -1);
		});
		setVerifyPartition(false);
		excludeHeader(HeaderNames.HeadersToAdd.EX_STACKTRACE, HeaderNames.HeadersToAdd.EX_CAUSE);
	}

	/** Sends every dead letter, then waits until the broker has them all. */
	void publishAll(List<DeadLetter> deadLetters) {
		List<Runnable> verifications = this.pendingVerifications.get();
		try {
			deadLetters.forEach(deadLetter -> accept(deadLetter.record(), null, deadLetter.reason()));
			verifications.forEach(Runnable::run);
		}
		finally {
			verifications.clear();
		}
	}

	@Override
	protected void verifySendResult(KafkaOperations<Object, Object> kafka, ProducerRecord<Object, Object> deadLetter,
			CompletableFuture<SendResult<Object, Object>> sent, ConsumerRecord<?, ?> source) {
		this.pendingVerifications.get().add(() -> super.verifySendResult(kafka, deadLetter, sent, source));
	}

	/** A record that cannot be stored, and why: the message becomes its {@code kafka_dlt-exception-message}. */
	record DeadLetter(ConsumerRecord<String, byte[]> record, Exception reason) {
	}

}
