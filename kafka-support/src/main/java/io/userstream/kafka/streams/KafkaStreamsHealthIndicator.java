package io.userstream.kafka.streams;

import org.apache.kafka.streams.KafkaStreams;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/** UP only while the streams are RUNNING: starting, rebalancing, stopped or failed streams move no records. */
class KafkaStreamsHealthIndicator extends AbstractHealthIndicator {

	private final StreamsBuilderFactoryBean streamsBuilder;

	KafkaStreamsHealthIndicator(StreamsBuilderFactoryBean streamsBuilder) {
		super("Kafka Streams health check failed");
		this.streamsBuilder = streamsBuilder;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		KafkaStreams streams = this.streamsBuilder.getKafkaStreams();
		if (streams == null) {
			builder.down().withDetail("state", "NOT_STARTED");
			return;
		}
		KafkaStreams.State state = streams.state();
		(state == KafkaStreams.State.RUNNING ? builder.up() : builder.down()).withDetail("state", state.name())
			.withDetail("threads", streams.metadataForLocalThreads().size());
	}

}
