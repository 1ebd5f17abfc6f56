package io.userstream.persist.sink;

import java.time.Instant;
import java.util.Map;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Readiness of the sink ("sink"): its consumer runs and its last batch was not held back, neither by
 * an unreachable database nor by a dead-letter topic that cannot be written. DOWN while a batch waits
 * for either, with what it waits for, so an orchestrator sees the stall; UP once a batch is stored.
 */
@Component("sinkHealthIndicator")
class SinkHealthIndicator extends AbstractHealthIndicator {

	private final KafkaListenerEndpointRegistry registry;

	private volatile Instant stalledSince;

	private volatile Map<String, String> stall = Map.of();

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
		this.stalledSince = null;
	}

	private void stalled(Map<String, String> stall) {
		this.stall = stall;
		if (this.stalledSince == null) {
			this.stalledSince = Instant.now();
		}
	}

	private static String describe(Exception ex) {
		return ex.getClass().getName() + ": " + ex.getMessage();
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		MessageListenerContainer container = this.registry.getListenerContainer(UserSink.ID);
		boolean running = container != null && container.isRunning();
		Instant since = this.stalledSince;
		if (!running) {
			builder.down().withDetail("consumer", "not running");
		}
		else if (since != null) {
			builder.down().withDetail("stalledSince", since.toString()).withDetails(this.stall);
		}
		else {
			builder.up().withDetail("consumer", "running");
		}
	}

}
