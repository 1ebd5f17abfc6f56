package io.userstream.kafka.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.userstream.kafka.DeadLetterHeaders;
import io.userstream.kafka.KafkaSupportAutoConfiguration;
import io.userstream.model.Topics;
import io.userstream.test.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of a service replaying the same dead letters at the same moment, at several moments
 * apart: each dead letter goes back exactly once, whichever instance sends it.
 */
class ConcurrentReplayTests {

	static final String SOURCE = TestKafka.uniqueTopic("replayed");

	static final int PER_ROUND = 60;

	static final int ROUNDS = 6;

	final ApplicationContextRunner service = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, KafkaSupportAutoConfiguration.class,
				DeadLetterAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withBean(DeadLetterSource.class, () -> new DeadLetterSource(SOURCE))
		.withPropertyValues("spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers());

	@Test
	void replaysRacingFromTwoInstancesSendEachDeadLetterOnce() throws Exception {
		TestKafka.createTopics(3, SOURCE, Topics.deadLetterOf(SOURCE));
		this.service.run(first -> this.service.run(second -> {
			for (int round = 0; round < ROUNDS; round++) {
				deadLetters(round);
				race(first, second, Duration.ofMillis(round * 15L));
			}
		}));

		List<ConsumerRecord<String, byte[]>> replayed = TestKafka.readCommitted(List.of(SOURCE), PER_ROUND * ROUNDS,
				Duration.ofSeconds(30), Duration.ofSeconds(3));
		Map<String, Long> copies = replayed.stream().collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
		assertThat(copies).hasSize(PER_ROUND * ROUNDS).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
		assertThat(replayed).allSatisfy(record -> {
			assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("value of " + record.key());
			assertThat(DeadLetterHeaders.replayCount(record.headers(), Topics.deadLetterOf(SOURCE))).isEqualTo(1);
			assertThat(DeadLetterHeaders.reason(record.headers())).as("no dead-letter headers on a replay").isNull();
		});
	}

	/** Both instances replay everything, the second starting {@code lag} after the first; one may be fenced. */
	private static void race(ConfigurableApplicationContext first, ConfigurableApplicationContext second, Duration lag)
			throws InterruptedException {
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<ReplaySummary>> replays = new ArrayList<>();
		for (ConfigurableApplicationContext instance : List.of(first, second)) {
			Duration wait = (instance == first) ? Duration.ZERO : lag;
			replays.add(CompletableFuture.supplyAsync(() -> {
				try {
					start.await();
					Thread.sleep(wait.toMillis());
				}
				catch (InterruptedException ex) {
					throw new IllegalStateException(ex);
				}
				return instance.getBean(DeadLetterReplay.class).replay(new ReplayRequest(true, null));
			}));
		}
		start.countDown();
		int succeeded = 0;
		for (CompletableFuture<ReplaySummary> replay : replays) {
			try {
				replay.get();
				succeeded++;
			}
			catch (ExecutionException fenced) {
				// the other instance took over: what this one sent is aborted
			}
		}
		assertThat(succeeded).as("at least one replay per round completes").isPositive();
	}

	private static void deadLetters(int round) {
		try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
			for (int n = 0; n < PER_ROUND; n++) {
				String key = "round-" + round + "-" + n;
				var headers = DeadLetterHeaders.describe(new RecordHeaders(), new IllegalStateException("refused"), SOURCE,
						n % 3, n);
				producer.send(new ProducerRecord<>(Topics.deadLetterOf(SOURCE), n % 3, key,
						("value of " + key).getBytes(StandardCharsets.UTF_8), headers));
			}
		}
	}

}
