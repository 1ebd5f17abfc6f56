package io.userstream.ingest.fetch;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/** How each request to randomuser.me ended, counted ({@code ingest.upstream.requests}) and shown by health. */
@Component
class UpstreamRequests {

	private final Map<UpstreamOutcome, Counter> counters = new EnumMap<>(UpstreamOutcome.class);

	private final UpstreamHealthIndicator health;

	UpstreamRequests(MeterRegistry meters, UpstreamHealthIndicator health) {
		for (UpstreamOutcome outcome : UpstreamOutcome.values()) {
			this.counters.put(outcome, Counter.builder("ingest.upstream.requests")
				.description("Requests to randomuser.me by how they ended")
				.tag("outcome", outcome.tag())
				.register(meters));
		}
		this.health = health;
	}

	void ended(UpstreamOutcome outcome) {
		this.counters.get(outcome).increment();
		this.health.lastOutcome(outcome);
	}

}
