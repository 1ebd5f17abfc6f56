package io.userstream.kafka;

import io.userstream.model.Topics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The pipeline's topics ({@code userstream.topics.*}). Every service declares all of them and their
 * dead-letter twins at start-up, with the same partition count, so start order does not matter and a
 * dead-letter topic always mirrors its source's partitions.
 *
 * @param partitions default 3, so consumers can scale out to three instances
 */
@ConfigurationProperties("userstream.topics")
public record TopicsProperties(
		@DefaultValue(Topics.USERS_INFO) String usersInfo,
		@DefaultValue(Topics.TIMESTAMP_TOPIC) String timestamp,
		@DefaultValue(Topics.LABEL_TOPIC) String label,
		@DefaultValue("3") int partitions,
		@DefaultValue("1") short replicas) {

}
