package io.userstream.kafka.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.userstream.kafka.RecordTracing;
import io.userstream.kafka.deadletter.DeadLetterMetrics;
import io.userstream.model.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * A stream stage: bytes in, parse and check, then the enriched user to the target topic or the
 * original bytes to {@code <source>-dlt}. Nothing can fail to deserialize, so no record blocks the
 * stream; under exactly_once_v2 outputs, dead letters and input offsets commit in one transaction.
 */
public final class EnrichmentTopology {

	private static final Produced<String, byte[]> BYTES_OUT = Produced.with(Serdes.String(), Serdes.ByteArray());

	private EnrichmentTopology() {
	}

	/** Adds the stage to {@code builder}; returns the stream of enriched users as written to the target topic. */
	public static KStream<String, byte[]> build(StreamsBuilder builder, StreamRoute route, UserEnrichment enrichment,
			MeterRegistry meterRegistry, RecordTracing tracing) {
		DeadLetterMetrics deadLetterMetrics = new DeadLetterMetrics(meterRegistry, Topics.deadLetterOf(route.source()));
		var routed = builder
			.stream(route.source(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("users-in"))
			.process(() -> new EnrichmentProcessor(route, enrichment, meterRegistry, deadLetterMetrics, tracing), Named.as("enrich"))
			.split(Named.as("route-"))
			.branch((key, value) -> value.deadLetter(), Branched.as("dead-letter"))
			.defaultBranch(Branched.as("enriched"));
		routed.get("route-dead-letter").mapValues(Routed::value).to(Topics.deadLetterOf(route.source()), BYTES_OUT);
		KStream<String, byte[]> enriched = routed.get("route-enriched").mapValues(Routed::value);
		enriched.to(route.target(), BYTES_OUT);
		return enriched;
	}

}
