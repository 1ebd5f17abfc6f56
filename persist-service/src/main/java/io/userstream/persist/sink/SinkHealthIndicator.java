package io.userstream.persist.sink;

import java.time.Instant;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Readiness of the sink ("sink"): its consumer runs and its last batch was not held back by an
 * unreachable database. DOWN while a batch waits for the database, so an orchestrator sees the stall.
 */
@Component("sinkHealthIndicator")
class SinkHealthIndicator extends AbstractHealthIndicator {

	private final KafkaListenerEndpointRegistry registry;

	private volatile Instant databaseUnavailableSince;

	private volatile String lastError;

	SinkHealthIndicator(KafkaListenerEndpointRegistry registry) {
		this.registry = registry;
	}

	void databaseUnavailable(Exception ex) {
		if (this.databaseUnavailableSince == null) {
			this.databaseUnavailableSince = Instant.now();
		}
		this.lastError = ex.getClass().getSimpleName() + ": " + ex.getMessage();
	}

	void batchWritten() {
		this.databaseUnavailableSince = null;
		this.lastError = null;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		MessageListenerContainer container = this.registry.getListenerContainer(UserSink.ID);
		boolean running = container != null && container.isRunning();
		Instant since = this.databaseUnavailableSince;
		if (!running) {
			builder.down().withDetail("consumer", "not running");
		}
		else if (since != null) {
			builder.down().withDetail("databaseUnavailableSince", since.toString()).withDetail("error", this.lastError);
		}
		else {
			builder.up().withDetail("consumer", "running");
		}
	}

}
