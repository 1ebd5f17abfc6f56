package io.userstream.timestamp;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

import io.userstream.kafka.streams.UserEnrichment;
import io.userstream.model.User;

/** Stamps each user with the current UTC instant, at the microsecond precision PostgreSQL keeps. */
class Timestamping implements UserEnrichment {

	private final Clock clock;

	Timestamping(Clock clock) {
		this.clock = clock;
	}

	@Override
	public User enrich(User user) {
		return user.withTimestamp(this.clock.instant().truncatedTo(ChronoUnit.MICROS));
	}

}
