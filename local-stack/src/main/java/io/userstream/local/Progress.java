package io.userstream.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * One line every few seconds: what ingest-service fetched and published (its metrics) and what
 * reached {@code user_data}, with the rate since the last line.
 */
@Component
class Progress {

	private static final Logger logger = LoggerFactory.getLogger(Progress.class);

	private static final String INGEST = "ingest-service";

	private final ServiceProcesses services;

	private final LocalPostgres postgres;

	private final JsonMapper json = JsonMapper.builder().build();

	private long lastStored = -1;

	private long lastNanos;

	Progress(ServiceProcesses services, LocalPostgres postgres) {
		this.services = services;
		this.postgres = postgres;
	}

	void report() {
		long stored = this.postgres.storedRows();
		long now = System.nanoTime();
		double rate = (this.lastStored < 0) ? 0 : (stored - this.lastStored) / ((now - this.lastNanos) / 1e9);
		this.lastStored = stored;
		this.lastNanos = now;
		String restarted = this.services.restartSummary();
		logger.info("fetched {} | published {} | stored {} | {} rows/s{}", ingestCounter("ingest.users.fetched"),
				ingestCounter("ingest.users.published"), stored, Math.round(rate),
				restarted.isEmpty() ? "" : " | restarted " + restarted);
	}

	/** An ingest-service counter; 0 while the service is not up. */
	private long ingestCounter(String name) {
		String metric = this.services.getManagement(INGEST, "/actuator/metrics/" + name);
		return (metric != null) ? this.json.readTree(metric).path("measurements").path(0).path("value").asLong() : 0;
	}

}
