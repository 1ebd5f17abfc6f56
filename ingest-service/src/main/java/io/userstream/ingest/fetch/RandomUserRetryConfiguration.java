package io.userstream.ingest.fetch;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The retry of a failing request to randomuser.me, from {@code randomuser.retry.*}: exponential backoff
 * with jitter, never sooner than {@code Retry-After} asks. Built here because Resilience4j has no
 * Spring Boot 4 starter.
 */
@Configuration(proxyBeanMethods = false)
class RandomUserRetryConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(RandomUserRetryConfiguration.class);

	private static final double JITTER = 0.5;

	@Bean
	RetryRegistry randomUserRetryRegistry(RandomUserProperties properties) {
		return RetryRegistry.of(retryConfig(properties.retry()));
	}

	/** {@code resilience4j_retry_calls}; Boot binds every meter binder bean to the meter registry. */
	@Bean
	TaggedRetryMetrics randomUserRetryMetrics(RetryRegistry randomUserRetryRegistry) {
		return TaggedRetryMetrics.ofRetryRegistry(randomUserRetryRegistry);
	}

	@Bean
	Retry randomUserRetry(RetryRegistry randomUserRetryRegistry, RandomUserProperties properties) {
		Retry retry = randomUserRetryRegistry.retry("randomuser");
		int maxAttempts = properties.retry().maxAttempts();
		retry.getEventPublisher()
			.onRetry(event -> logger.warn("randomuser.me request failed, attempt {} of {}, next in {} ms: {} ({})",
					event.getNumberOfRetryAttempts(), maxAttempts, event.getWaitInterval().toMillis(),
					event.getLastThrowable().getMessage(), event.getLastThrowable().getCause()));
		return retry;
	}

	/** Retries a failure that can pass, unless it asks to wait longer than the longest backoff allows. */
	static RetryConfig retryConfig(RandomUserProperties.Retry settings) {
		IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(),
				settings.multiplier(), JITTER, settings.maxBackoff());
		return RetryConfig.custom()
			.maxAttempts(settings.maxAttempts())
			.retryOnException(ex -> ex instanceof UpstreamException failure && failure.outcome().retryable()
					&& failure.retryAfter().compareTo(settings.maxBackoff()) <= 0)
			.intervalBiFunction((attempt, result) -> {
				long wait = backoff.apply(attempt);
				if (result.isLeft() && result.getLeft() instanceof UpstreamException failure) {
					wait = Math.max(wait, failure.retryAfter().toMillis());
				}
				return wait;
			})
			.build();
	}

}
