package io.userstream.persist.pipeline;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The pipeline page ({@code userstream.pipeline-page.*}).
 *
 * @param timestampGroup timestamp-service's Kafka Streams application id, its consumer group
 * @param labelGroup label-service's
 * @param stallAfter how long a stage's committed offsets may stand still while records wait before the
 *        page marks it as not consuming
 * @param latencyWindow how far back the end-to-end latency percentiles look
 * @param newestUsers how many of the newest users the page lists
 */
@ConfigurationProperties("userstream.pipeline-page")
record PipelinePageProperties(@DefaultValue("timestamp-service") String timestampGroup,
		@DefaultValue("label-service") String labelGroup, @DefaultValue("30s") Duration stallAfter,
		@DefaultValue("5m") Duration latencyWindow, @DefaultValue("10") int newestUsers) {
}
