package io.userstream.ingest.run;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/** What runs did, as Prometheus reads it ({@code ingest_*}). */
@Component
class RunMetrics {

	private final MeterRegistry registry;

	private final Counter fetched;

	private final Counter skipped;

	private final Counter published;

	private final Timer publishDuration;

	RunMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.fetched = Counter.builder("ingest.users.fetched").description("Users randomuser.me returned")
			.register(registry);
		this.skipped = Counter.builder("ingest.users.skipped").description("Users left out as invalid")
			.register(registry);
		this.published = Counter.builder("ingest.users.published")
			.description("Users acknowledged by the broker on users_info")
			.register(registry);
		this.publishDuration = Timer.builder("ingest.publish.duration")
			.description("Time from a run's last fetch to its last acknowledgement")
			.register(registry);
	}

	void fetched(int users, int invalid) {
		this.fetched.increment(users);
		this.skipped.increment(invalid);
	}

	void published(long users) {
		this.published.increment(users);
	}

	void publishDuration(long nanos) {
		this.publishDuration.record(nanos, TimeUnit.NANOSECONDS);
	}

	void run(Ingestion.Trigger trigger, String outcome) {
		Counter.builder("ingest.runs")
			.description("Runs by trigger and outcome")
			.tag("trigger", trigger.name().toLowerCase(Locale.ROOT))
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
	}

}
