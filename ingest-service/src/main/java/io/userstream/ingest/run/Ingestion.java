package io.userstream.ingest.run;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.tracing.Span;
import io.userstream.ingest.fetch.FetchedPage;
import io.userstream.ingest.fetch.PageQuery;
import io.userstream.ingest.fetch.RandomUserClient;
import io.userstream.ingest.fetch.RandomUserProperties;
import io.userstream.ingest.fetch.UpstreamFailedException;
import io.userstream.kafka.RecordTracing;
import io.userstream.kafka.TopicsProperties;
import io.userstream.model.User;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

/**
 * A run: pages of one seed fetched in turn, each page's users sent to {@code users_info} (keyed by id)
 * while the next page is fetched, then every acknowledgement awaited. The first send that fails ends
 * the sending and the fetching: with the broker away every further send would wait out
 * {@code max.block.ms} in turn. One run at a time, whoever starts it.
 */
@Service
@EnableConfigurationProperties(IngestProperties.class)
class Ingestion {

	private static final Logger logger = LoggerFactory.getLogger(Ingestion.class);

	enum Trigger {

		API, SCHEDULE

	}

	private final RandomUserClient randomUser;

	private final KafkaTemplate<String, User> kafka;

	private final String topic;

	private final int pageSize;

	private final IngestProperties properties;

	private final RunMetrics metrics;

	private final RecordTracing tracing;

	private final ReentrantLock running = new ReentrantLock();

	Ingestion(RandomUserClient randomUser, KafkaTemplate<String, User> kafka, TopicsProperties topics,
			RandomUserProperties randomUserProperties, IngestProperties properties, RunMetrics metrics,
			RecordTracing tracing) {
		this.randomUser = randomUser;
		this.tracing = tracing;
		this.kafka = kafka;
		this.topic = topics.usersInfo();
		this.pageSize = randomUserProperties.pageSize();
		this.properties = properties;
		this.metrics = metrics;
	}

	/**
	 * Fetches and publishes the users the request asks for.
	 * @throws RunInProgressException when another run has not finished
	 * @throws RunFailedException when the upstream or the broker failed; it carries the summary so far
	 */
	RunSummary run(RunRequest request, Trigger trigger) {
		if (!this.running.tryLock()) {
			throw new RunInProgressException();
		}
		try {
			int count = (request.count() != null) ? request.count() : this.properties.defaultCount();
			String seed = (request.seed() != null) ? request.seed() : freshSeed();
			return run(count, seed, request.natQuery(), trigger);
		}
		finally {
			this.running.unlock();
		}
	}

	private RunSummary run(int count, String seed, String nat, Trigger trigger) {
		long start = System.nanoTime();
		List<CompletableFuture<?>> sends = new ArrayList<>(count);
		AtomicBoolean sendFailed = new AtomicBoolean();
		long fetched = 0;
		long skipped = 0;
		int failedRequests = 0;
		UpstreamFailedException upstreamFailure = null;
		for (int page = 1, remaining = count; remaining > 0 && !sendFailed.get(); page++, remaining -= this.pageSize) {
			FetchedPage users;
			try {
				users = this.randomUser.fetch(new PageQuery(seed, page, Math.min(this.pageSize, remaining), nat));
			}
			catch (UpstreamFailedException ex) {
				failedRequests += ex.failedRequests();
				upstreamFailure = ex;
				break;
			}
			fetched += users.fetched();
			skipped += users.skipped();
			failedRequests += users.failedRequests();
			this.metrics.fetched(users.fetched(), users.skipped());
			sendUntilOneFails(users.users(), sends, sendFailed);
		}
		Published published = awaitAcknowledgements(sends);
		this.metrics.published(published.acknowledged());
		RunSummary summary = new RunSummary(count, fetched, published.acknowledged(), skipped, failedRequests,
				(System.nanoTime() - start) / 1_000_000);
		RunFailedException failure = failure(upstreamFailure, published, summary);
		String outcome = (failure != null) ? failure.outcome() : "ok";
		this.metrics.run(trigger, outcome);
		logger.info("Ingest run ({}, seed {}) {}: requested={} fetched={} published={} skipped={} failedRequests={} durationMs={}",
				trigger.name().toLowerCase(Locale.ROOT), seed, outcome, summary.requested(), summary.fetched(),
				summary.published(), summary.skipped(), summary.failedRequests(), summary.durationMs());
		if (failure != null) {
			throw failure;
		}
		return summary;
	}

	/** Why the run stopped short, or {@code null} when it did not. */
	private static RunFailedException failure(UpstreamFailedException upstreamFailure, Published published,
			RunSummary summary) {
		if (upstreamFailure != null) {
			return new RunFailedException.UpstreamFailed(upstreamFailure, summary);
		}
		if (published.failure() != null) {
			return new RunFailedException.NotAcknowledged(summary.fetched() - summary.published(), published.failure(),
					summary);
		}
		return null;
	}

	/** Sends the users in turn until one of this run's sends, of this page or an earlier one, has failed. */
	private void sendUntilOneFails(List<User> users, List<CompletableFuture<?>> sends, AtomicBoolean sendFailed) {
		for (User user : users) {
			if (sendFailed.get()) {
				return;
			}
			// What is kept until the run ends is whether the send was acknowledged, not the record it
			// sent: a run of 50,000 users would otherwise hold every one of them on the heap.
			CompletableFuture<?> acknowledged = send(user).thenApply(result -> null);
			acknowledged.exceptionally(failure -> {
				sendFailed.set(true);
				return null;
			});
			sends.add(acknowledged);
		}
	}

	/** Sends the user as the start of a trace of its own (linked to the run's span), its traceparent on the record. */
	private CompletableFuture<?> send(User user) {
		Span span = this.tracing.startTrace("publish user");
		try (var scope = this.tracing.inScope(span)) {
			ProducerRecord<String, User> record = new ProducerRecord<>(this.topic, user.id().toString(), user);
			this.tracing.inject(span, record.headers());
			return this.kafka.send(record);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		finally {
			span.end();
		}
	}

	/** Waits for every send; the producer's delivery timeout bounds the wait. */
	private Published awaitAcknowledgements(List<CompletableFuture<?>> sends) {
		long start = System.nanoTime();
		long acknowledged = 0;
		Throwable failure = null;
		for (CompletableFuture<?> send : sends) {
			try {
				send.join();
				acknowledged++;
			}
			catch (RuntimeException ex) {
				failure = (failure != null) ? failure : ex;
			}
		}
		this.metrics.publishDuration(System.nanoTime() - start);
		return new Published(acknowledged, failure);
	}

	private static String freshSeed() {
		return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
	}

	private record Published(long acknowledged, Throwable failure) {
	}

}
