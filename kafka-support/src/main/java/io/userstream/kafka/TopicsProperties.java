package io.userstream.kafka;

import java.time.Duration;

import io.userstream.model.Topics;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The pipeline's topics ({@code userstream.topics.*}). Every service declares all of them and their
 * dead-letter twins at start-up, with the same partition count, so start order does not matter and a
 * dead-letter topic always mirrors its source's partitions. A topic that exists is never changed: see
 * {@link TopicDeclarations}.
 *
 * @param partitions default 6: each stage scales out to six instances
 * @param replicas copies of each record; 3 on a cluster, 1 (the default) on a single broker
 * @param minInsyncReplicas copies that must have a record before a producer with {@code acks=all} is
 *        told it is written; 2 on a cluster of three, so one broker can be lost without losing data or
 *        stopping writes
 * @param retention how long the three topics keep a record (7 days, Kafka's own default, said here so
 *        it does not depend on the broker's setting); a negative value keeps records until deleted
 * @param deadLetterRetention how long the dead-letter topics keep a record; by default (-1) until an
 *        operator deletes it, since nothing else holds a record that failed
 */
@ConfigurationProperties("userstream.topics")
public record TopicsProperties(
		@DefaultValue(Topics.USERS_INFO) String usersInfo,
		@DefaultValue(Topics.TIMESTAMP_TOPIC) String timestamp,
		@DefaultValue(Topics.LABEL_TOPIC) String label,
		@DefaultValue("6") int partitions,
		@DefaultValue("1") short replicas,
		@DefaultValue("1") int minInsyncReplicas,
		@DefaultValue("7d") Duration retention,
		@DefaultValue("-1ms") Duration deadLetterRetention) {

	/**
	 * Kafka takes a topic with more in-sync replicas required than it has replicas, and then refuses
	 * every write to it: such a setting stops the start instead.
	 */
	public TopicsProperties {
		if (partitions < 1 || replicas < 1) {
			throw new IllegalArgumentException("userstream.topics.partitions and .replicas must be at least 1, not "
					+ partitions + " and " + replicas);
		}
		if (minInsyncReplicas < 1 || minInsyncReplicas > replicas) {
			throw new IllegalArgumentException("userstream.topics.min-insync-replicas must be between 1 and "
					+ "userstream.topics.replicas (" + replicas + "), not " + minInsyncReplicas
					+ ": a topic would refuse every write");
		}
	}

	/** A topic of the pipeline with its replication settings; the caller says partitions and retention. */
	public TopicBuilder topic(String name) {
		return TopicBuilder.name(name)
			.replicas(this.replicas)
			.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(this.minInsyncReplicas));
	}

}
