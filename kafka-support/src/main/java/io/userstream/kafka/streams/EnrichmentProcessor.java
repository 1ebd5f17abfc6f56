package io.userstream.kafka.streams;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import io.userstream.kafka.DeadLetterHeaders;
import io.userstream.kafka.RecordTracing;
import io.userstream.kafka.deadletter.DeadLetterMetrics;
import io.userstream.model.InvalidUserException;
import io.userstream.model.User;
import io.userstream.model.UserJson;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses, checks and enriches one record, keyed by the user's id (the original scripts sent no key).
 * Whatever goes wrong with one record sends it down the dead-letter branch, as its original bytes with
 * the reason in its headers, so that no record can stop the stage: under exactly_once_v2 a failed
 * send aborts the transaction and the same record would come back forever. That includes an output
 * the producer would refuse as too large, checked here with the producer's own size estimate. The
 * record timestamp is the input's, so the sink can measure end-to-end latency from the publish time.
 * Each record is handled in a span of its user's trace (from its {@code traceparent}), which the
 * output or the dead letter carries on in place of the input's.
 * Counters count attempts: a record in a transaction aborted by a crash is counted again on retry.
 */
class EnrichmentProcessor implements Processor<String, byte[], String, Routed> {

	private static final Logger logger = LoggerFactory.getLogger(EnrichmentProcessor.class);

	/** What a dead letter keeps of a value too large to be sent whole: enough to recognise it. */
	static final int TRUNCATED_VALUE_BYTES = 16 * 1024;

	private final StreamRoute route;

	private final UserEnrichment enrichment;

	private final MeterRegistry meterRegistry;

	private final DeadLetterMetrics deadLetterMetrics;

	private final RecordTracing tracing;

	private final Counter enriched;

	private final Timer processing;

	private ProcessorContext<String, Routed> context;

	private int maxRecordBytes;

	EnrichmentProcessor(StreamRoute route, UserEnrichment enrichment, MeterRegistry meterRegistry,
			DeadLetterMetrics deadLetterMetrics, RecordTracing tracing) {
		this.route = route;
		this.enrichment = enrichment;
		this.meterRegistry = meterRegistry;
		this.deadLetterMetrics = deadLetterMetrics;
		this.tracing = tracing;
		this.enriched = outcome("enriched");
		this.processing = Timer.builder("userstream.stream.processing")
			.description("Time to parse, check and enrich one record")
			.register(meterRegistry);
	}

	@Override
	public void init(ProcessorContext<String, Routed> context) {
		this.context = context;
		this.maxRecordBytes = maxRequestSize(context.appConfigs());
	}

	@Override
	public void process(Record<String, byte[]> record) {
		long start = System.nanoTime();
		Span span = this.tracing.startFrom(record.headers(), "enrich " + this.route.source());
		try (var scope = this.tracing.inScope(span)) {
			Headers headers = this.tracing.inject(span, new RecordHeaders(record.headers().toArray()));
			try {
				User user = this.enrichment.enrich(UserJson.read(record.value(), this.route.reads()));
				String key = user.id().toString();
				byte[] value = UserJson.write(user);
				int size = sizeOf(key, value, headers);
				if (size > this.maxRecordBytes) {
					deadLetter(record, headers, "oversized", new RecordTooLargeException("the enriched user would be a record of "
							+ size + " bytes, above the producer's max.request.size of " + this.maxRecordBytes));
					return;
				}
				this.context.forward(record.withKey(key).withValue(new Routed(value, false)).withHeaders(headers));
				this.enriched.increment();
			}
			catch (InvalidUserException ex) {
				deadLetter(record, headers, "dead-lettered", ex);
			}
			catch (RuntimeException ex) {
				deadLetter(record, headers, "failed", ex);
			}
		}
		finally {
			span.end();
			this.processing.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
		}
	}

	/** The original bytes with the reason, and this stage's span as the trace, in the headers. */
	private void deadLetter(Record<String, byte[]> record, Headers traced, String outcome, Exception reason) {
		RecordMetadata source = this.context.recordMetadata().orElseThrow();
		Headers headers = DeadLetterHeaders.describe(traced, reason, source.topic(), source.partition(), source.offset());
		byte[] value = record.value();
		if (sizeOf(record.key(), value, headers) > this.maxRecordBytes) {
			DeadLetterHeaders.truncated(headers, value.length);
			int room = this.maxRecordBytes - sizeOf(record.key(), new byte[0], headers);
			value = Arrays.copyOf(value, Math.max(0, Math.min(room, TRUNCATED_VALUE_BYTES)));
		}
		this.context.forward(record.withValue(new Routed(value, true)).withHeaders(headers));
		outcome(outcome).increment();
		this.deadLetterMetrics.deadLettered(record.headers(), reason);
		logger.warn("Dead-lettered {}-{}@{} ({}): {}", source.topic(), source.partition(), source.offset(), outcome,
				reason.getClass().getSimpleName());
	}

	private Counter outcome(String outcome) {
		return Counter.builder("userstream.stream.records")
			.tag("outcome", outcome)
			.description("Records by where they went: enriched to the target topic, or dead-lettered as invalid, "
					+ "oversized or failed")
			.register(this.meterRegistry);
	}

	/** The producer's upper bound for one record, which it compares with max.request.size before sending. */
	private static int sizeOf(String key, byte[] value, Headers headers) {
		byte[] keyBytes = (key != null) ? new StringSerializer().serialize(null, key) : null;
		return AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE,
				keyBytes, value, headers.toArray());
	}

	private static int maxRequestSize(Map<String, Object> appConfigs) {
		Object configured = appConfigs.get(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
		if (configured == null) {
			configured = appConfigs.getOrDefault(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
					ProducerConfig.configDef().defaultValues().get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
		}
		return Integer.parseInt(configured.toString());
	}

}
