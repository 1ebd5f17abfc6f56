package io.userstream.persist.sink;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * spring-kafka's recoverer for a batch: each record goes to {@code <topic>-dlt}, on its own partition
 * while the dead-letter topic has it, else on one the producer picks. The library waits for each send
 * before the next; here the whole batch is sent before any result is checked, so it waits about as long
 * as its slowest send, not the sum of them. A send that fails fails the batch, so its offsets are not
 * committed.
 * <p>
 * The headers are those of the stream stages plus the original timestamp: no stack trace (large, and
 * about this code rather than the record), no cause class (called directly rather than from an error
 * handler, the recoverer would only name the reason's own class again).
 */
@Component
class DeadLetterPublisher extends DeadLetterPublishingRecoverer {

	private final ThreadLocal<List<Runnable>> pendingVerifications = ThreadLocal.withInitial(ArrayList::new);

	DeadLetterPublisher(KafkaOperations<String, byte[]> kafka) {
		super(kafka);
		excludeHeader(HeaderNames.HeadersToAdd.EX_STACKTRACE, HeaderNames.HeadersToAdd.EX_CAUSE);
	}

	/** Sends every dead letter, then waits until the broker has them all. */
	void publishAll(List<DeadLetter> deadLetters, Consumer<?, ?> consumer) {
		List<Runnable> verifications = this.pendingVerifications.get();
		Consumer<?, ?> partitionsAskedOnce = askingPartitionsOncePerTopic(consumer);
		try {
			deadLetters.forEach(deadLetter -> accept(deadLetter.record(), partitionsAskedOnce, deadLetter.reason()));
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

	/**
	 * The consumer as the recoverer sees it for one batch. The recoverer asks it for the dead-letter
	 * topic's partitions for every record, and a consumer answers for a topic it does not read with a
	 * round trip to the broker each time, which made a batch of dead letters several times slower; one
	 * answer per topic serves the batch, and the next batch asks again.
	 */
	private static Consumer<?, ?> askingPartitionsOncePerTopic(Consumer<?, ?> consumer) {
		Map<Object, Object> partitions = new HashMap<>();
		return (Consumer<?, ?>) Proxy.newProxyInstance(Consumer.class.getClassLoader(), new Class<?>[] { Consumer.class },
				(proxy, method, args) -> {
					if (!method.getName().equals("partitionsFor")) {
						return invoke(consumer, method, args);
					}
					Object known = partitions.get(args[0]);
					if (known == null) {
						known = invoke(consumer, method, args);
						partitions.put(args[0], known);
					}
					return known;
				});
	}

	private static Object invoke(Consumer<?, ?> consumer, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(consumer, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	/** A record that cannot be stored, and why: the message becomes its {@code kafka_dlt-exception-message}. */
	record DeadLetter(ConsumerRecord<String, byte[]> record, Exception reason) {
	}

}
