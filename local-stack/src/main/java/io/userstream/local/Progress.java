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

	static final String FETCHED = "ingest.users.fetched";

	static final String PUBLISHED = "ingest.users.published";

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
		logger.info("fetched {} | published {} | stored {} | {} rows/s", counter(FETCHED), counter(PUBLISHED), stored,
				Math.round(rate));
	}

	private long counter(String metric) {
		String body = this.services.get("ingest-service", "/actuator/metrics/" + metric);
		if (body == null) {
			return 0;
		}
		JsonNode value = this.json.readTree(body).path("measurements").path(0).path("value");
		return value.asLong();
	}

}
