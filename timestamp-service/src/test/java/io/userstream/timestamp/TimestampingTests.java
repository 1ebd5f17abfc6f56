package io.userstream.timestamp;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import io.userstream.test.TestUsers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimestampingTests {

	@Test
	void stampsTheClocksInstantTruncatedToMicroseconds() {
		Clock clock = Clock.fixed(Instant.parse("2026-11-28T15:01:08.451326789Z"), ZoneId.of("Asia/Tehran"));

		var user = new Timestamping(clock).enrich(TestUsers.fetched(1));

		assertThat(user.timestamp()).isEqualTo(Instant.parse("2026-11-28T15:01:08.451326Z"));
	}

}
