package io.userstream.kafka;

import java.time.Duration;

import io.userstream.model.Topics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The pipeline's topics ({@code userstream.topics.*}). Every service declares all of them and their
 * dead-letter twins at start-up, with the same partition count, so start order does not matter and a
 * dead-letter topic always mirrors its source's partitions.
 *
 * @param partitions default 3, so consumers can scale out to three instances
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
		@DefaultValue("3") int partitions,
		@DefaultValue("1") short replicas, @DefaultValue("7d") Duration retention,
		@DefaultValue("-1ms") Duration deadLetterRetention) {

}
