package io.userstream.kafka.streams;

import org.apache.kafka.streams.KafkaStreams;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * What every stream stage needs around its topology, for any service that runs Kafka Streams
 * through spring-kafka ({@code @EnableKafkaStreams}). The topology itself is the service's own.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass({ KafkaStreams.class, StreamsBuilderFactoryBean.class })
@ConditionalOnBean(StreamsBuilderFactoryBean.class)
public class StreamStageAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "kafkaStreamsHealthIndicator")
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	@ConditionalOnEnabledHealthIndicator("kafkaStreams")
	KafkaStreamsHealthIndicator kafkaStreamsHealthIndicator(StreamsBuilderFactoryBean streamsBuilder) {
		return new KafkaStreamsHealthIndicator(streamsBuilder);
	}

}
