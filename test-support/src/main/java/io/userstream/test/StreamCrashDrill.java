package io.userstream.test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A stream stage under a real crash: messages flow into {@code source} at a steady pace while the
 * stage's first instance is killed ({@code kill -9}) as soon as some output is visible; a single
 * instance is then started again, while a second instance takes over by itself. The target is read
 * with read_committed throughout, as downstream consumers read it.
 */
public final class StreamCrashDrill {

	private static final Duration PACE = Duration.ofMillis(5);

	private final String source;

	private final String target;

	private final List<ServiceProcess> instances;

	public StreamCrashDrill(String source, String target, List<ServiceProcess> instances) {
		this.source = source;
		this.target = target;
		this.instances = instances;
	}

	/** What came out, and when. */
	public record Result(int sent, int sentAtKill, int outputAtKill, Map<String, Integer> outputByKey, Duration total) {

		public int duplicates() {
			return this.outputByKey.values().stream().mapToInt(count -> count - 1).sum();
		}

		public Set<String> missing(Set<String> keys) {
			return keys.stream().filter(key -> !this.outputByKey.containsKey(key)).collect(Collectors.toSet());
		}

		@Override
		public String toString() {
			return "sent=" + this.sent + " sentAtKill=" + this.sentAtKill + " outputAtKill=" + this.outputAtKill
					+ " distinctOut=" + this.outputByKey.size() + " duplicates=" + duplicates() + " total=" + this.total;
		}

	}

	public Result run(Map<String, byte[]> messages, int killAfterOutput) {
		this.instances.forEach(ServiceProcess::start);
		this.instances.forEach(instance -> instance.awaitReady(Duration.ofMinutes(2)));
		long start = System.nanoTime();
		AtomicInteger sent = new AtomicInteger();
		Map<String, Integer> outputByKey = new HashMap<>();
		try (KafkaProducer<String, byte[]> producer = TestKafka.producer();
				KafkaConsumer<String, byte[]> reader = TestKafka.committedReader(this.target)) {
			CompletableFuture<Void> flow = CompletableFuture.runAsync(() -> messages.forEach((key, value) -> {
				producer.send(new ProducerRecord<>(this.source, key, value));
				sent.incrementAndGet();
				LockSupport.parkNanos(PACE.toNanos());
			}));
			int outputAtKill = 0;
			while (outputAtKill < killAfterOutput) {
				outputAtKill += read(reader, outputByKey);
				if (flow.isDone()) {
					throw new IllegalStateException("All " + messages.size() + " sent before " + killAfterOutput
							+ " came out: no crash while records flow");
				}
			}
			int sentAtKill = sent.get();
			this.instances.get(0).kill();
			if (this.instances.size() == 1) {
				this.instances.get(0).start().awaitReady(Duration.ofMinutes(2));
			}
			flow.join();
			long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
			while (outputByKey.size() < messages.size() && System.nanoTime() < deadline) {
				read(reader, outputByKey);
			}
			long quietEnd = System.nanoTime() + Duration.ofSeconds(3).toNanos();
			while (System.nanoTime() < quietEnd) {
				read(reader, outputByKey);
			}
			return new Result(sent.get(), sentAtKill, outputAtKill, outputByKey, Duration.ofNanos(System.nanoTime() - start));
		}
		finally {
			this.instances.forEach(ServiceProcess::stop);
		}
	}

	private static int read(KafkaConsumer<String, byte[]> reader, Map<String, Integer> outputByKey) {
		int count = 0;
		for (var record : reader.poll(Duration.ofMillis(100))) {
			outputByKey.merge(record.key(), 1, Integer::sum);
			count++;
		}
		return count;
	}

}
