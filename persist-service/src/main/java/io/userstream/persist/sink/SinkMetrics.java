package io.userstream.persist.sink;

import java.time.Duration;

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
			.serviceLevelObjectives(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
					Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
					Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5))
			.register(registry);
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
