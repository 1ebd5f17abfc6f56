package io.userstream.kafka.streams;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a stream stage from becoming a zombie. Kafka Streams' default answer to a failed thread is
 * to shut the client down for good while the JVM stays up; here a failed thread is replaced instead.
 * An outage (the broker gone, a transaction the restarted broker no longer knows) is always waited
 * out this way. Any other failure that keeps coming back means the stage cannot work as configured:
 * past the allowed replacements within the window it hands over to {@code giveUp}, which takes the
 * process down so that its supervisor restarts it and someone notices.
 */
class StreamThreadSupervisor implements StreamsUncaughtExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(StreamThreadSupervisor.class);

	private final StreamStageProperties properties;

	private final Clock clock;

	private final Runnable giveUp;

	private final Deque<Instant> failures = new ArrayDeque<>();

	StreamThreadSupervisor(StreamStageProperties properties, Clock clock, Runnable giveUp) {
		this.properties = properties;
		this.clock = clock;
		this.giveUp = giveUp;
	}

	@Override
	public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
		if (isOutage(exception)) {
			logger.warn("A stream thread failed while Kafka was unreachable or restarting; replacing it: {}",
					describe(exception));
			return StreamThreadExceptionResponse.REPLACE_THREAD;
		}
		Instant now = this.clock.instant();
		this.failures.addLast(now);
		while (this.failures.getFirst().isBefore(now.minus(this.properties.replacementWindow()))) {
			this.failures.removeFirst();
		}
		if (this.failures.size() > this.properties.maxThreadReplacements()) {
			logger.error("Stream threads failed {} times within {}; giving up so that the process is restarted: {}",
					this.failures.size(), this.properties.replacementWindow(), describe(exception));
			this.giveUp.run();
			return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
		}
		logger.warn("A stream thread failed ({} of {} replacements within {}); replacing it: {}", this.failures.size(),
				this.properties.maxThreadReplacements(), this.properties.replacementWindow(), describe(exception));
		return StreamThreadExceptionResponse.REPLACE_THREAD;
	}

	static boolean isOutage(Throwable exception) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof RetriableException || cause instanceof InvalidTxnStateException
					|| cause instanceof InvalidProducerEpochException || cause instanceof ProducerFencedException) {
				return true;
			}
		}
		return false;
	}

	private static String describe(Throwable exception) {
		StringBuilder text = new StringBuilder();
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			text.append((text.length() > 0) ? " <- " : "").append(cause.getClass().getSimpleName());
		}
		return text.toString();
	}

}
