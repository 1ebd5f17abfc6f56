package io.userstream.persist.sink;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.userstream.kafka.deadletter.DeadLetterMetrics;
import io.userstream.kafka.deadletter.DeadLetterSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.stereotype.Component;

/** What the sink did, as Prometheus reads it ({@code persist_*}, and its dead letters as every stage counts them). */
@Component
class SinkMetrics {

	/**
	 * The latency histogram's bucket bounds: from 5 ms to 5 s each at most 10 % above the one before,
	 * so that a percentile read from them (Prometheus' histogram_quantile) is within 10 % of the true
	 * one; round numbers, so that 250 ms, 500 ms or 1 s are bounds; coarser below and above.
	 */
	static final Duration[] LATENCY_BUCKETS = latencyBuckets();

	private final Counter inserted;

	private final Counter duplicates;

	private final DeadLetterMetrics deadLetters;

	private final DistributionSummary batchSize;

	private final Timer writeDuration;

	private final Timer endToEndLatency;

	SinkMetrics(MeterRegistry registry, DeadLetterSource deadLetterSource) {
		Gauge.builder("persist.consumer.group", () -> 1)
			.tag("group", SinkGroup.ID)
			.description("The consumer group every instance of persist-service reads label_topic in; renaming it "
					+ "would drop the committed offsets")
			.register(registry);
		this.inserted = Counter.builder("persist.rows.inserted").description("Rows inserted into user_data").register(registry);
		this.duplicates = Counter.builder("persist.rows.duplicates")
			.description("Records whose id was already stored (redeliveries, replays)")
			.register(registry);
		this.deadLetters = new DeadLetterMetrics(registry, deadLetterSource.deadLetterTopic());
		this.batchSize = DistributionSummary.builder("persist.batch.size").description("Records per consumed batch")
			.register(registry);
		this.writeDuration = Timer.builder("persist.batch.write").description("Time to write and commit one batch")
			.register(registry);
		this.endToEndLatency = Timer.builder("persist.end.to.end.latency")
			.description("Commit time minus the Kafka record timestamp (the ingest publish time)")
			.serviceLevelObjectives(LATENCY_BUCKETS)
			.register(registry);
	}

	private static Duration[] latencyBuckets() {
		double[] mantissas = { 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2.0, 2.2, 2.4, 2.5, 2.6, 2.8, 3.0, 3.3, 3.6,
				3.8, 4.0, 4.4, 4.8, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5, 8.0, 8.5, 9.0, 9.5 };
		Stream<Duration> fine = Stream.of(1, 10, 100, 1000)
			.flatMap(decade -> Arrays.stream(mantissas).mapToObj(mantissa -> Math.round(mantissa * decade * 1000)))
			.filter(micros -> micros >= 5_000 && micros <= 5_000_000)
			.map(micros -> Duration.of(micros, ChronoUnit.MICROS));
		return Stream.concat(Stream.of(Duration.ofMillis(1), Duration.ofMillis(2)), Stream.concat(fine,
				Stream.of(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5))))
			.toArray(Duration[]::new);
	}

	void batch(int records, Duration write, int insertedRows, int duplicateRows) {
		this.batchSize.record(records);
		this.writeDuration.record(write);
		this.inserted.increment(insertedRows);
		this.duplicates.increment(duplicateRows);
	}

	void endToEnd(Duration latency) {
		this.endToEndLatency.record(latency.isNegative() ? Duration.ZERO : latency);
	}

	void deadLettered(ConsumerRecord<String, byte[]> record, Exception reason) {
		this.deadLetters.deadLettered(record.headers(), reason);
	}

}
