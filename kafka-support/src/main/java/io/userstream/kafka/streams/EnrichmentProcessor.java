package io.userstream.kafka.streams;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.userstream.kafka.DeadLetterHeaders;
import io.userstream.model.InvalidUserException;
import io.userstream.model.User;
import io.userstream.model.UserJson;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses, checks and enriches one record, keyed by the user's id (the original scripts sent no key).
 * What is not a valid user leaves as its original bytes with the reason in its headers. The record
 * timestamp is the input's, so the sink can measure end-to-end latency from the publish time.
 * Counters count attempts: a record in a transaction aborted by a crash is counted again on retry.
 */
class EnrichmentProcessor implements Processor<String, byte[], String, Routed> {

	private static final Logger logger = LoggerFactory.getLogger(EnrichmentProcessor.class);

	private final StreamRoute route;

	private final UserEnrichment enrichment;

	private final Counter enriched;

	private final Counter deadLettered;

	private final Timer processing;

	private ProcessorContext<String, Routed> context;

	EnrichmentProcessor(StreamRoute route, UserEnrichment enrichment, MeterRegistry meterRegistry) {
		this.route = route;
		this.enrichment = enrichment;
		this.enriched = Counter.builder("userstream.stream.records").tag("outcome", "enriched")
			.description("Records enriched and written to the target topic").register(meterRegistry);
		this.deadLettered = Counter.builder("userstream.stream.records").tag("outcome", "dead-lettered")
			.description("Records written to the dead-letter topic").register(meterRegistry);
		this.processing = Timer.builder("userstream.stream.processing")
			.description("Time to parse, check and enrich one record").register(meterRegistry);
	}

	@Override
	public void init(ProcessorContext<String, Routed> context) {
		this.context = context;
	}

	@Override
	public void process(Record<String, byte[]> record) {
		long start = System.nanoTime();
		try {
			User user = this.enrichment.enrich(UserJson.read(record.value(), this.route.reads()));
			this.context.forward(record.withKey(user.id().toString()).withValue(new Routed(UserJson.write(user), false)));
			this.enriched.increment();
		}
		catch (InvalidUserException ex) {
			RecordMetadata source = this.context.recordMetadata().orElseThrow();
			var headers = DeadLetterHeaders.describe(new RecordHeaders(record.headers().toArray()), ex, source.topic(),
					source.partition(), source.offset());
			this.context.forward(record.withValue(new Routed(record.value(), true)).withHeaders(headers));
			this.deadLettered.increment();
			logger.warn("Dead-lettered {}-{}@{}: {}", source.topic(), source.partition(), source.offset(),
					ex.getClass().getSimpleName());
		}
		finally {
			this.processing.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
		}
	}

}
