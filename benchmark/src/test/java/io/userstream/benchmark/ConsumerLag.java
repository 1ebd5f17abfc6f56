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
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Where the queue builds while a phase runs: the largest lag (committed records not yet consumed) of
 * each stage's consumer group, sampled four times a second. The stage in front of which records
 * pile up is the slowest one.
 */
final class ConsumerLag implements AutoCloseable {

	private final List<String> groups;

	private final Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()));

	private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
		Thread thread = new Thread(task, "consumer-lag");
		thread.setDaemon(true);
		return thread;
	});

	private final Map<String, Long> maxLag = new LinkedHashMap<>();

	ConsumerLag(List<String> groups) {
		this.groups = groups;
		this.sampler.scheduleWithFixedDelay(this::sample, 0, 250, TimeUnit.MILLISECONDS);
	}

	/** The largest lag of each group since the previous call (or since sampling began). */
	Map<String, Long> takeMaxima() {
		synchronized (this.maxLag) {
			Map<String, Long> maxima = new LinkedHashMap<>();
			this.groups.forEach(group -> maxima.put(group, this.maxLag.getOrDefault(group, 0L)));
			this.maxLag.clear();
			return maxima;
		}
	}

	private void sample() {
		for (String group : this.groups) {
			try {
				Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(group)
					.partitionsToOffsetAndMetadata()
					.get(5, TimeUnit.SECONDS);
				Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
				committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
				var ends = this.admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
					.all()
					.get(5, TimeUnit.SECONDS);
				long lag = 0;
				for (var partition : committed.entrySet()) {
					if (partition.getValue() != null) {
						lag += Math.max(0, ends.get(partition.getKey()).offset() - partition.getValue().offset());
					}
				}
				long sampled = lag;
				synchronized (this.maxLag) {
					this.maxLag.merge(group, sampled, Math::max);
				}
			}
			catch (Exception ex) {
				// A sample missed while the broker is busy is only a coarser maximum.
			}
		}
	}

	@Override
	public void close() {
		this.sampler.shutdownNow();
		this.admin.close();
	}

}
