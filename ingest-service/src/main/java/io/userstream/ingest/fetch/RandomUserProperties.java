package io.userstream.ingest.fetch;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where users come from ({@code randomuser.*}); the defaults are in application.properties.
 *
 * @param baseUrl the randomuser.me API root, or a stand-in's
 * @param pageSize users per request; randomuser.me answers at most 5000
 * @param retry how a failing request is repeated
 */
@ConfigurationProperties("randomuser")
@Validated
public record RandomUserProperties(@NotNull URI baseUrl, @Min(1) @Max(5000) int pageSize, @Valid @NotNull Retry retry) {

	/**
	 * Exponential backoff with jitter between attempts of one request.
	 *
	 * @param maxAttempts attempts per request, the first included
	 * @param initialBackoff the wait after the first failure
	 * @param multiplier how much each further wait grows
	 * @param maxBackoff the longest wait; a {@code Retry-After} asking for more ends the run instead
	 */
	public record Retry(@Min(1) int maxAttempts, @NotNull Duration initialBackoff, @DecimalMin("1.0") double multiplier,
			@NotNull Duration maxBackoff) {
	}

}
