package io.userstream.ingest.fetch;

import java.time.Instant;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * randomuser.me as the last request found it ("randomuser"). Always UP and outside readiness: an
 * offline machine can still take and publish runs later, and a health check never calls the upstream.
 */
@Component("randomuserHealthIndicator")
class UpstreamHealthIndicator extends AbstractHealthIndicator {

	private volatile UpstreamOutcome lastOutcome;

	private volatile Instant lastRequestAt;

	private volatile Instant lastSuccessAt;

	void lastOutcome(UpstreamOutcome outcome) {
		Instant now = Instant.now();
		this.lastOutcome = outcome;
		this.lastRequestAt = now;
		if (outcome == UpstreamOutcome.OK) {
			this.lastSuccessAt = now;
		}
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.up();
		UpstreamOutcome outcome = this.lastOutcome;
		if (outcome == null) {
			builder.withDetail("lastOutcome", "no request yet");
			return;
		}
		builder.withDetail("lastOutcome", outcome.tag()).withDetail("lastRequestAt", this.lastRequestAt.toString());
		if (this.lastSuccessAt != null) {
			builder.withDetail("lastSuccessAt", this.lastSuccessAt.toString());
		}
	}

}
