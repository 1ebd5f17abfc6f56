package io.userstream.ingest.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The original's cron: a run of {@code ingest.schedule.count} users with a fresh seed every
 * {@code ingest.schedule.interval} after the previous one ended; skipped while a triggered run is going.
 */
@Component
@EnableScheduling
@ConditionalOnBooleanProperty("ingest.schedule.enabled")
class IngestSchedule {

	private static final Logger logger = LoggerFactory.getLogger(IngestSchedule.class);

	private final Ingestion ingestion;

	private final IngestProperties properties;

	IngestSchedule(Ingestion ingestion, IngestProperties properties) {
		this.ingestion = ingestion;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${ingest.schedule.interval}")
	void run() {
		try {
			this.ingestion.run(RunRequest.ofCount(this.properties.schedule().count()), Ingestion.Trigger.SCHEDULE);
		}
		catch (RunInProgressException ex) {
			logger.info("Scheduled run skipped: {}", ex.getMessage());
		}
		catch (RunFailedException ex) {
			logger.warn("Scheduled run failed: {} ({})", ex.getMessage(),
					NestedExceptionUtils.getMostSpecificCause(ex).toString());
		}
	}

}
