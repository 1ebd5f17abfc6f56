package io.userstream.benchmark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.userstream.test.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Where the queue builds while a phase runs: the largest lag (committed records not yet consumed by
 * the consumer group reading it) of each topic, sampled four times a second. Records pile up on the
 * topic in front of the slowest stage.
 */
final class ConsumerLag implements AutoCloseable {

	private final List<String> topics;

	private final Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()));

	private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
		Thread thread = new Thread(task, "consumer-lag");
		thread.setDaemon(true);
		return thread;
	});

	private final Map<String, Long> maxLag = new LinkedHashMap<>();

	private volatile long queued;

	ConsumerLag(List<String> topics) {
		this.topics = topics;
		this.sampler.scheduleWithFixedDelay(this::sample, 0, 250, TimeUnit.MILLISECONDS);
	}

	/** The largest lag of each topic since the previous call (or since sampling began). */
	Map<String, Long> takeMaxima() {
		synchronized (this.maxLag) {
			Map<String, Long> maxima = new LinkedHashMap<>();
			this.topics.forEach(topic -> maxima.put(topic, this.maxLag.getOrDefault(topic, 0L)));
			this.maxLag.clear();
			return maxima;
		}
	}

	/** The records waiting on all the topics at the latest sample. */
	long queued() {
		return this.queued;
	}

	private void sample() {
		try {
			Map<String, Long> lags = new LinkedHashMap<>();
			for (GroupListing group : this.admin.listGroups().all().get(5, TimeUnit.SECONDS)) {
				if (group.groupState().filter(GroupState.EMPTY::equals).isPresent()) {
					continue; // no member reads for it (a finished replay, a page's one-off read): no queue
				}
				Map<TopicPartition, OffsetAndMetadata> committed = new LinkedHashMap<>(this.admin
					.listConsumerGroupOffsets(group.groupId())
					.partitionsToOffsetAndMetadata()
					.get(5, TimeUnit.SECONDS));
				committed.keySet().removeIf(partition -> !this.topics.contains(partition.topic()));
				Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
				committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
				var ends = this.admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
					.all()
					.get(5, TimeUnit.SECONDS);
				committed.forEach((partition, offset) -> lags.merge(partition.topic(),
						(offset == null) ? 0 : Math.max(0, ends.get(partition).offset() - offset.offset()), Long::sum));
			}
			synchronized (this.maxLag) {
				lags.forEach((topic, lag) -> this.maxLag.merge(topic, lag, Math::max));
			}
			this.queued = lags.values().stream().mapToLong(Long::longValue).sum();
		}
		catch (Exception ex) {
			// A sample missed while the broker is busy only makes the maximum coarser.
		}
	}

	@Override
	public void close() {
		this.sampler.shutdownNow();
		this.admin.close();
	}

}
