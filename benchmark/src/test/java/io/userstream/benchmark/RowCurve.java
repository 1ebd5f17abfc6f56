package io.userstream.benchmark;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Rows inserted into {@code user_data}, sampled twice a second from one instant on: the sink's rate
 * over any stretch of the run, hence when a freshly started pipeline reached its steady rate.
 */
final class RowCurve implements AutoCloseable {

	record Sample(double seconds, long rows) {
	}

	/** The stretch over which "the rate at second s" is taken, long enough to smooth out commit bursts. */
	private static final double RATE_SPAN = 5;

	private final long startNanos = System.nanoTime();

	private final LongSupplier inserted;

	private final long baseRows;

	private final List<Sample> samples = new CopyOnWriteArrayList<>();

	private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

	RowCurve(LongSupplier inserted) {
		this.inserted = inserted;
		this.baseRows = inserted.getAsLong();
		this.sampler.scheduleAtFixedRate(this::sample, 0, 500, TimeUnit.MILLISECONDS);
	}

	/** Seconds since this curve started. */
	double now() {
		return (System.nanoTime() - this.startNanos) / 1e9;
	}

	/** Rows stored since this curve started. */
	long stored() {
		return this.inserted.getAsLong() - this.baseRows;
	}

	/** Rows stored between two instants (seconds since the start), from the nearest samples. */
	long storedBetween(double from, double to) {
		return at(to) - at(from);
	}

	/** The first instant at which {@code rows} were stored, or -1. */
	double reached(long rows) {
		return this.samples.stream().filter(sample -> sample.rows() >= rows).mapToDouble(Sample::seconds).findFirst().orElse(-1);
	}

	/** The first instant from which the rate over the next few seconds reached {@code rate}, or -1. */
	double reachedRate(double rate) {
		return reachedRate(rate, 0);
	}

	/** The first instant, {@code after} or later, from which the rate over the next few seconds reached {@code rate}, or -1. */
	double reachedRate(double rate, double after) {
		for (Sample sample : this.samples) {
			double end = sample.seconds() + RATE_SPAN;
			if (sample.seconds() >= after && end <= this.samples.get(this.samples.size() - 1).seconds()
					&& storedBetween(sample.seconds(), end) / RATE_SPAN >= rate) {
				return sample.seconds();
			}
		}
		return -1;
	}

	@Override
	public void close() {
		this.sampler.shutdownNow();
	}

	private void sample() {
		this.samples.add(new Sample(now(), stored()));
	}

	private long at(double seconds) {
		long rows = 0;
		for (Sample sample : this.samples) {
			if (sample.seconds() > seconds) {
				break;
			}
			rows = sample.rows();
		}
		return rows;
	}

}
