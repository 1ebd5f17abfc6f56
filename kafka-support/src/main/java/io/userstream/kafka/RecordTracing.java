package io.userstream.kafka;

import java.nio.charset.StandardCharsets;

import io.micrometer.tracing.CurrentTraceContext;
import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * One trace per user across the pipeline, carried from record to record in the W3C {@code traceparent}
 * header: ingest starts the trace of each user it publishes, each stage continues it with a span of its
 * own and writes that span's {@code traceparent} on what it sends. While a span or a record's trace is
 * in scope, log lines carry its ids.
 */
public final class RecordTracing {

	/** For code running without tracing (topology tests): no spans, headers left as they are. */
	public static final RecordTracing NONE = new RecordTracing(Tracer.NOOP, Propagator.NOOP);

	private static final String TRACEPARENT = "traceparent";

	private static final String TRACESTATE = "tracestate";

	private static final Propagator.Getter<Headers> FROM_HEADERS = (headers, key) -> {
		Header header = headers.lastHeader(key);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	};

	private static final Propagator.Setter<Headers> TO_HEADERS = (headers, key, value) -> headers.add(key,
			value.getBytes(StandardCharsets.UTF_8));

	private final Tracer tracer;

	private final Propagator propagator;

	public RecordTracing(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/** A new trace for one user, linked to whatever span is current (a run's), started. */
	public Span startTrace(String name) {
		Span current = this.tracer.currentSpan();
		Span.Builder builder = this.tracer.spanBuilder().setNoParent().name(name).kind(Span.Kind.PRODUCER);
		if (current != null) {
			builder.addLink(new Link(current.context()));
		}
		return builder.start();
	}

	/** A span continuing the trace the record's headers name (a new trace when they name none), started. */
	public Span startFrom(Headers headers, String name) {
		return this.propagator.extract(headers, FROM_HEADERS).name(name).kind(Span.Kind.CONSUMER).start();
	}

	/** Makes the span current, for log lines and child spans, until the scope is closed. */
	public Tracer.SpanInScope inScope(Span span) {
		return this.tracer.withSpan(span);
	}

	/**
	 * Makes the trace the record's headers name current, without a span of its own, until the scope is
	 * closed: for log lines about a record that a batch handles.
	 */
	public CurrentTraceContext.Scope inScopeOf(Headers headers) {
		String traceparent = FROM_HEADERS.get(headers, TRACEPARENT);
		if (traceparent == null || traceparent.length() < 55) {
			return this.tracer.currentTraceContext().newScope(null);
		}
		TraceContext context = this.tracer.traceContextBuilder()
			.traceId(traceparent.substring(3, 35))
			.spanId(traceparent.substring(36, 52))
			.sampled(traceparent.endsWith("01"))
			.build();
		return this.tracer.currentTraceContext().newScope(context);
	}

	/** Puts the span's {@code traceparent} on the headers, in place of any the record came with. */
	public Headers inject(Span span, Headers headers) {
		if (span.context().traceId().isEmpty()) {
			// no tracer: a span without a trace (an unsampled span has one, and it travels on)
			return headers;
		}
		headers.remove(TRACEPARENT);
		headers.remove(TRACESTATE);
		this.propagator.inject(span.context(), headers, TO_HEADERS);
		return headers;
	}

}
