package io.userstream.ingest.fetch;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
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

	private final RestClient http;

	private final Retry retry;

	private final ResultsParser parser = new ResultsParser();

	private final UpstreamRequests requests;

	private final Timer fetchDuration;

	RandomUserClient(RestClient.Builder http, RandomUserProperties properties, Retry retry, UpstreamRequests requests,
			MeterRegistry meters) {
		this.http = http.baseUrl(properties.baseUrl().toString()).build();
		this.retry = retry;
		this.requests = requests;
		this.fetchDuration = Timer.builder("ingest.fetch.duration")
			.description("Time to fetch one page of users, retries included")
			.register(meters);
	}

	/**
	 * One page of users, retried as configured.
	 * @throws UpstreamFailedException when the last attempt failed too, or the failure cannot pass by retrying
	 */
	public FetchedPage fetch(PageQuery query) {
		AtomicInteger failures = new AtomicInteger();
		return this.fetchDuration.record(() -> {
			try {
				FetchedPage page = this.retry.executeSupplier(() -> attempt(query, failures));
				return new FetchedPage(page.users(), page.skipped(), failures.get());
			}
			catch (UpstreamException ex) {
				throw new UpstreamFailedException(ex, failures.get());
			}
		});
	}

	private FetchedPage attempt(PageQuery query, AtomicInteger failures) {
		JsonNode results;
		try {
			results = request(query);
		}
		catch (UpstreamException ex) {
			failures.incrementAndGet();
			this.requests.ended(ex.outcome());
			throw ex;
		}
		this.requests.ended(UpstreamOutcome.OK);
		return this.parser.parse(results);
	}

	private JsonNode request(PageQuery query) {
		try {
			return this.http.get()
				.uri(uri -> uri.path("/api/1.4/")
					.queryParam("results", query.results())
					.queryParam("seed", query.seed())
					.queryParam("page", query.page())
					.queryParamIfPresent("nat", Optional.ofNullable(query.nat()))
					.build())
				.exchange((request, response) -> AnswerClassifier.results(response, query));
		}
		catch (ResourceAccessException ex) {
			throw AnswerClassifier.unanswered(ex);
		}
	}

}
