package io.userstream.ingest.fetch;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.userstream.model.Stage;
import io.userstream.model.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Fetches pages of users from randomuser.me's API 1.4 and formats them. A request that fails in a way
 * that can pass (429, 5xx, timeout, no connection, a body that is not the expected JSON, no results)
 * is repeated with exponential backoff and jitter, waiting at least what {@code Retry-After} asks.
 */
@Component
@EnableConfigurationProperties(RandomUserProperties.class)
public class RandomUserClient {

	private static final Logger logger = LoggerFactory.getLogger(RandomUserClient.class);

	private static final double JITTER = 0.5;

	private final RestClient http;

	private final Retry retry;

	private final UserFormatter formatter = new UserFormatter();

	private final UpstreamHealthIndicator health;

	private final Map<UpstreamOutcome, Counter> requests = new EnumMap<>(UpstreamOutcome.class);

	private final Timer fetchDuration;

	RandomUserClient(RestClient.Builder http, RandomUserProperties properties, UpstreamHealthIndicator health,
			MeterRegistry meters) {
		this.http = http.baseUrl(properties.baseUrl().toString()).build();
		this.retry = retry(properties.retry(), meters);
		this.health = health;
		for (UpstreamOutcome outcome : UpstreamOutcome.values()) {
			this.requests.put(outcome, Counter.builder("ingest.upstream.requests")
				.description("Requests to randomuser.me by how they ended")
				.tag("outcome", outcome.tag())
				.register(meters));
		}
		this.fetchDuration = Timer.builder("ingest.fetch.duration")
			.description("Time to fetch one page of users, retries included")
			.register(meters);
	}

	private static Retry retry(RandomUserProperties.Retry settings, MeterRegistry meters) {
		IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(),
				settings.multiplier(), JITTER, settings.maxBackoff());
		RetryConfig config = RetryConfig.custom()
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
		RetryRegistry registry = RetryRegistry.of(config);
		TaggedRetryMetrics.ofRetryRegistry(registry).bindTo(meters);
		Retry retry = registry.retry("randomuser");
		retry.getEventPublisher()
			.onRetry(event -> logger.warn("randomuser.me request failed, attempt {} of {}, next in {} ms: {}",
					event.getNumberOfRetryAttempts(), settings.maxAttempts(), event.getWaitInterval().toMillis(),
					event.getLastThrowable().getMessage()));
		return retry;
	}

	/**
	 * One page of users, retried as configured.
	 * @throws UpstreamFailedException when the last attempt failed too, or the failure cannot pass by retrying
	 */
	public FetchedPage fetch(PageQuery query) {
		AtomicInteger failures = new AtomicInteger();
		Timer.Sample sample = Timer.start();
		try {
			FetchedPage page = this.retry.executeSupplier(() -> attempt(query, failures));
			return new FetchedPage(page.users(), page.skipped(), failures.get());
		}
		catch (UpstreamException ex) {
			throw new UpstreamFailedException(ex, failures.get());
		}
		finally {
			sample.stop(this.fetchDuration);
		}
	}

	private FetchedPage attempt(PageQuery query, AtomicInteger failures) {
		try {
			FetchedPage page = this.http.get()
				.uri(uri -> uri.path("/api/1.4/")
					.queryParam("results", query.results())
					.queryParam("seed", query.seed())
					.queryParam("page", query.page())
					.queryParamIfPresent("nat", Optional.ofNullable(query.nat()))
					.build())
				.exchange((request, response) -> read(response, query));
			record(UpstreamOutcome.OK);
			return page;
		}
		catch (ResourceAccessException ex) {
			failures.incrementAndGet();
			UpstreamOutcome outcome = timedOut(ex) ? UpstreamOutcome.TIMEOUT : UpstreamOutcome.CONNECTION_ERROR;
			record(outcome);
			throw new UpstreamException(outcome, "randomuser.me " + outcome.tag() + ": " + ex.getMessage(),
					Duration.ZERO, ex);
		}
		catch (UpstreamException ex) {
			failures.incrementAndGet();
			record(ex.outcome());
			throw ex;
		}
	}

	private FetchedPage read(ClientHttpResponse response, PageQuery query) throws IOException {
		HttpStatusCode status = response.getStatusCode();
		if (status.value() == 429) {
			Duration retryAfter = retryAfter(response.getHeaders().getFirst("Retry-After"));
			throw new UpstreamException(UpstreamOutcome.TOO_MANY_REQUESTS,
					"randomuser.me answered 429, Retry-After " + retryAfter.toSeconds() + " s", retryAfter, null);
		}
		if (status.is5xxServerError()) {
			throw new UpstreamException(UpstreamOutcome.SERVER_ERROR, "randomuser.me answered " + status.value());
		}
		if (!status.is2xxSuccessful()) {
			throw new UpstreamException(UpstreamOutcome.CLIENT_ERROR, "randomuser.me answered " + status.value());
		}
		JsonNode results;
		try {
			results = JsonMapper.shared().readTree(response.getBody()).path("results");
		}
		catch (JacksonException ex) {
			throw new UpstreamException(UpstreamOutcome.BAD_BODY, "randomuser.me answered " + status.value()
					+ " with a body that is not JSON (" + response.getHeaders().getContentType() + ")");
		}
		if (!results.isArray()) {
			throw new UpstreamException(UpstreamOutcome.BAD_BODY, "randomuser.me answered JSON without results");
		}
		if (results.isEmpty()) {
			throw new UpstreamException(UpstreamOutcome.EMPTY,
					"randomuser.me answered no results for page " + query.page());
		}
		List<User> users = new ArrayList<>(results.size());
		for (JsonNode result : results) {
			User user = result.isObject() ? this.formatter.format(result) : null;
			if (user != null && Stage.FETCHED.accepts(user)) {
				users.add(user);
			}
		}
		return new FetchedPage(users, results.size() - users.size(), 0);
	}

	private void record(UpstreamOutcome outcome) {
		this.requests.get(outcome).increment();
		this.health.lastOutcome(outcome);
	}

	private static boolean timedOut(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SocketTimeoutException || cause instanceof HttpTimeoutException) {
				return true;
			}
		}
		return false;
	}

	/** {@code Retry-After} in seconds or as an HTTP date; zero when absent or unreadable. */
	static Duration retryAfter(String header) {
		if (header == null || header.isBlank()) {
			return Duration.ZERO;
		}
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
		}
		catch (NumberFormatException notSeconds) {
			try {
				Duration until = Duration.between(ZonedDateTime.now(),
						ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
				return until.isNegative() ? Duration.ZERO : until;
			}
			catch (DateTimeParseException notDate) {
				return Duration.ZERO;
			}
		}
	}

}
