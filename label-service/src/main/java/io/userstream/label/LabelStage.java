package io.userstream.label;

import io.micrometer.core.instrument.MeterRegistry;
import io.userstream.kafka.RecordTracing;
import io.userstream.kafka.TopicsProperties;
import io.userstream.kafka.deadletter.DeadLetterSource;
import io.userstream.kafka.streams.EnrichmentTopology;
import io.userstream.kafka.streams.StreamRoute;
import io.userstream.model.Stage;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/** {@code timestamp_topic} to {@code label_topic}, each user given a random label, exactly once. */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
@EnableConfigurationProperties(LabelsProperties.class)
class LabelStage {

	static StreamRoute route(TopicsProperties topics) {
		return new StreamRoute(topics.timestamp(), topics.label(), Stage.TIMESTAMPED);
	}

	@Bean
	KStream<String, byte[]> labelStream(StreamsBuilder builder, TopicsProperties topics, LabelsProperties labels,
			MeterRegistry meterRegistry, RecordTracing tracing) {
		return EnrichmentTopology.build(builder, route(topics), Labeling.of(labels), meterRegistry, tracing);
	}

	@Bean
	DeadLetterSource deadLetterSource(TopicsProperties topics) {
		return new DeadLetterSource(route(topics).source());
	}

}
