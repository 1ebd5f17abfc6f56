package io.userstream.persist.sink;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.userstream.kafka.deadletter.DeadLetterSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The end-to-end latency histogram reads p50, p95 and p99 to within 10 % between 5 ms and 5 s: the
 * percentiles Prometheus' histogram_quantile interpolates from the buckets, against the exact ones of
 * the recorded latencies, for latencies around 10 ms, 100 ms and 1 s.
 */
class LatencyBucketsTests {

	@ParameterizedTest
	@ValueSource(longs = { 10, 100, 1000 })
	void percentilesReadFromTheBucketsAreWithinTenPercent(long medianMillis) {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new SinkMetrics(registry, new DeadLetterSource("label_topic"));
		Timer latency = registry.get("persist.end.to.end.latency").timer();
		Random random = new Random(medianMillis);
		double[] millis = new double[20_000];
		for (int i = 0; i < millis.length; i++) {
			// log-normal around the median, spread so that p99 is about three times p50
			millis[i] = Math.min(Math.max(medianMillis * Math.exp(0.45 * random.nextGaussian()), 5), 5000);
			latency.record(Duration.ofNanos(Math.round(millis[i] * 1_000_000)));
		}
		Arrays.sort(millis);
		CountAtBucket[] buckets = latency.takeSnapshot().histogramCounts();

		for (double quantile : new double[] { 0.50, 0.95, 0.99 }) {
			double exact = millis[(int) Math.ceil(quantile * millis.length) - 1];
			assertThat(histogramQuantile(quantile, buckets, millis.length)).as("p%.0f around %d ms", quantile * 100, medianMillis)
				.isCloseTo(exact, within(exact * 0.10));
		}
	}

	/** Prometheus' histogram_quantile: linear within the bucket the rank falls in. */
	private static double histogramQuantile(double quantile, CountAtBucket[] buckets, long count) {
		double rank = quantile * count;
		double lower = 0;
		double below = 0;
		for (CountAtBucket bucket : buckets) {
			double upper = bucket.bucket(TimeUnit.MILLISECONDS);
			if (bucket.count() >= rank) {
				return lower + (upper - lower) * (rank - below) / (bucket.count() - below);
			}
			lower = upper;
			below = bucket.count();
		}
		return Double.POSITIVE_INFINITY;
	}

}
