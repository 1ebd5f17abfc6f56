package io.userstream.ingest.run;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Runs ({@code ingest.*}); the defaults are in application.properties, with the schedule's
 * {@code enabled}, which a condition reads.
 *
 * @param defaultCount users of a {@code POST /ingest/run} that does not say how many
 * @param schedule the scheduled runs
 */
@ConfigurationProperties("ingest")
@Validated
record IngestProperties(@Min(1) @Max(RunRequest.MAX_COUNT) int defaultCount, @Valid @NotNull Schedule schedule) {

	/**
	 * @param count users of each scheduled run
	 * @param interval from the end of one scheduled run to the start of the next
	 */
	record Schedule(@Min(1) @Max(RunRequest.MAX_COUNT) int count, @NotNull Duration interval) {
	}

}
