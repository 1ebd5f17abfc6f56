package io.userstream.ingest.fetch;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The retry as {@code randomuser.retry.*} builds it: when it tries again, and how long it waits first. */
class RandomUserRetryConfigurationTests {

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	private final RetryConfig config = RandomUserRetryConfiguration
		.retryConfig(new RandomUserProperties.Retry(3, Duration.ofMillis(100), 2, MAX_BACKOFF));

	private final IntervalBiFunction<Object> wait = this.config.getIntervalBiFunction();

	@Test
	void waitGrowsWithJitterAndNeverPassesTheLongestBackoff() {
		assertThat(this.wait.apply(1, failed(UpstreamOutcome.SERVER_ERROR, Duration.ZERO))).isBetween(50L, 150L);
		assertThat(this.wait.apply(3, failed(UpstreamOutcome.SERVER_ERROR, Duration.ZERO))).isBetween(200L, 600L);
		assertThat(this.wait.apply(20, failed(UpstreamOutcome.SERVER_ERROR, Duration.ZERO)))
			.isLessThanOrEqualTo(MAX_BACKOFF.toMillis());
	}

	@Test
	void waitIsNeverShorterThanRetryAfter() {
		for (int attempt = 1; attempt <= 3; attempt++) {
			assertThat(this.wait.apply(attempt, failed(UpstreamOutcome.TOO_MANY_REQUESTS, Duration.ofSeconds(20))))
				.isGreaterThanOrEqualTo(20_000L);
		}
	}

	@Test
	void failuresThatCanPassAreRetriedUpToMaxAttempts() {
		assertThat(attempts(new UpstreamException(UpstreamOutcome.TOO_MANY_REQUESTS, "429", MAX_BACKOFF, null)))
			.as("a Retry-After of exactly the longest backoff is waited for")
			.isEqualTo(3);
	}

	@Test
	void retryAfterLongerThanTheLongestBackoffIsNotWaitedFor() {
		assertThat(attempts(new UpstreamException(UpstreamOutcome.TOO_MANY_REQUESTS, "429",
				MAX_BACKOFF.plusSeconds(1), null)))
			.isEqualTo(1);
	}

	@Test
	void clientErrorIsNotRetried() {
		assertThat(attempts(new UpstreamException(UpstreamOutcome.CLIENT_ERROR, "400"))).isEqualTo(1);
	}

	/** Attempts a retry makes of a request that always fails so, its waits skipped. */
	private int attempts(UpstreamException failure) {
		Retry retry = Retry.of("test", RetryConfig.from(this.config).intervalBiFunction((attempt, result) -> 1L).build());
		AtomicInteger attempts = new AtomicInteger();
		assertThatExceptionOfType(UpstreamException.class).isThrownBy(() -> retry.executeSupplier(() -> {
			attempts.incrementAndGet();
			throw failure;
		}));
		return attempts.get();
	}

	private static Either<Throwable, Object> failed(UpstreamOutcome outcome, Duration retryAfter) {
		return Either.left(new UpstreamException(outcome, outcome.tag(), retryAfter, null));
	}

}
