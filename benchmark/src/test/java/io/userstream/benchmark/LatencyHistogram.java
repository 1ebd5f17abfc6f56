package io.userstream.benchmark;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * persist-service's end-to-end latency histogram (commit time minus the Kafka record timestamp) as
 * Prometheus shows it: cumulative counts per bucket bound. The difference of two scrapes is the
 * distribution of what was stored in between; a percentile is the bound of the bucket it falls in.
 */
record LatencyHistogram(NavigableMap<Double, Double> cumulative) {

	private static final Pattern BUCKET = Pattern
		.compile("(?m)^persist_end_to_end_latency_seconds_bucket\\{[^}]*le=\"([^\"]+)\"[^}]*} ([0-9.eE+]+)$");

	static LatencyHistogram parse(String prometheus) {
		NavigableMap<Double, Double> counts = new TreeMap<>();
		Matcher bucket = BUCKET.matcher(prometheus);
		while (bucket.find()) {
			double bound = "+Inf".equals(bucket.group(1)) ? Double.POSITIVE_INFINITY : Double.parseDouble(bucket.group(1));
			counts.merge(bound, Double.parseDouble(bucket.group(2)), Double::sum);
		}
		if (counts.isEmpty()) {
			throw new IllegalStateException("No persist_end_to_end_latency_seconds_bucket in the scrape");
		}
		return new LatencyHistogram(counts);
	}

	LatencyHistogram minus(LatencyHistogram earlier) {
		NavigableMap<Double, Double> counts = new TreeMap<>();
		this.cumulative.forEach((bound, count) -> counts.put(bound, count - earlier.cumulative.getOrDefault(bound, 0.0)));
		return new LatencyHistogram(counts);
	}

	long count() {
		return Math.round(this.cumulative.lastEntry().getValue());
	}

	/** The share of samples in buckets up to {@code millis} (a bucket bound), in percent. */
	double percentWithinMillis(double millis) {
		return 100 * this.cumulative.floorEntry(millis / 1000).getValue() / this.cumulative.lastEntry().getValue();
	}

	/** The upper bound in milliseconds of the bucket holding the {@code quantile}; infinite past the last bound. */
	double upperBoundMillis(double quantile) {
		double wanted = quantile * this.cumulative.lastEntry().getValue();
		for (Map.Entry<Double, Double> bucket : this.cumulative.entrySet()) {
			if (bucket.getValue() >= wanted && bucket.getValue() > 0) {
				return bucket.getKey() * 1000;
			}
		}
		return Double.POSITIVE_INFINITY;
	}

}
