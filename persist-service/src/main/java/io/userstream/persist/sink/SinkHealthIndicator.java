package io.userstream.persist.sink;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Readiness of the sink ("sink"): its consumers run and none has its last batch held back, neither by
 * an unreachable database nor by a dead-letter topic that cannot be written. DOWN while a batch waits
 * for either, with what the longest waiting one waits for, so an orchestrator sees the stall; UP once
 * every consumer that waited has stored a batch. A stall belongs to the consumer's thread, so that one
 * consumer storing its partitions does not hide another stuck on its own.
 */
@Component("sinkHealthIndicator")
class SinkHealthIndicator extends AbstractHealthIndicator {

	private record Stall(Instant since, Map<String, String> details) {
	}

	private final KafkaListenerEndpointRegistry registry;

	private final Map<Thread, Stall> stalls = new ConcurrentHashMap<>();

	SinkHealthIndicator(KafkaListenerEndpointRegistry registry) {
		this.registry = registry;
	}

	void databaseUnavailable(Exception ex) {
		stalled(Map.of("waitingFor", "database", "error", describe(ex)));
	}

	void deadLettersUnpublishable(String deadLetterTopic, Exception ex) {
		stalled(Map.of("waitingFor", "dead-letter topic", "deadLetterTopic", deadLetterTopic, "error", describe(ex)));
	}

	void batchStored() {
		this.stalls.remove(Thread.currentThread());
	}

	private void stalled(Map<String, String> details) {
		this.stalls.compute(Thread.currentThread(),
				(consumer, stall) -> new Stall((stall != null) ? stall.since() : Instant.now(), details));
	}

	private static String describe(Exception ex) {
		return ex.getClass().getName() + ": " + ex.getMessage();
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		MessageListenerContainer container = this.registry.getListenerContainer(UserSink.ID);
		// A consumer thread that ended (its container was stopped) waits for nothing any more.
		this.stalls.keySet().removeIf(consumer -> !consumer.isAlive());
		Optional<Stall> longest = this.stalls.values().stream().min(Comparator.comparing(Stall::since));
		if (container == null || !container.isRunning() || !container.isInExpectedState()) {
			builder.down().withDetail("consumer", "not running");
		}
		else if (longest.isPresent()) {
			builder.down()
				.withDetail("stalledSince", longest.get().since().toString())
				.withDetail("stalledConsumers", this.stalls.size())
				.withDetails(longest.get().details());
		}
		else {
			builder.up().withDetail("consumer", "running");
		}
	}

}
