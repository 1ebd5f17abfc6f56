package io.userstream.kafka.streams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StreamThreadSupervisorTests {

	private final MovingClock clock = new MovingClock();

	private final AtomicInteger gaveUp = new AtomicInteger();

	private final StreamThreadSupervisor supervisor = new StreamThreadSupervisor(
			new StreamStageProperties(3, Duration.ofMinutes(5), Duration.ofMinutes(5)), this.clock, this.gaveUp::incrementAndGet);

	@Test
	void replacesAThreadThatTheSameErrorKillsThreeTimesThenGivesUpOnTheFourthWithinTheWindow() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.supervisor.handle(tooLarge())).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
			this.clock.advance(Duration.ofMinutes(1));
		}

		assertThat(this.supervisor.handle(tooLarge())).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
		assertThat(this.gaveUp).hasValue(1);
	}

	@Test
	void forgetsFailuresOlderThanTheWindow() {
		for (int i = 0; i < 10; i++) {
			assertThat(this.supervisor.handle(tooLarge())).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
			this.clock.advance(Duration.ofMinutes(2));
		}
		assertThat(this.gaveUp).hasValue(0);
	}

	@Test
	void waitsOutAnOutageHoweverOftenItKillsThreads() {
		for (int i = 0; i < 20; i++) {
			assertThat(this.supervisor.handle(new StreamsException(new TimeoutException("broker gone"))))
				.isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
			assertThat(this.supervisor.handle(new StreamsException("commit failed", new InvalidTxnStateException("restarted"))))
				.isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
		}
		assertThat(this.gaveUp).hasValue(0);
	}

	private static Throwable tooLarge() {
		return new StreamsException("send failed", new RecordTooLargeException("topic limit"));
	}

	private static final class MovingClock extends Clock {

		private Instant now = Instant.parse("2026-12-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
