package io.userstream.kafka.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.userstream.kafka.TopicsProperties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The topology every stream stage shares, started by spring-kafka from {@code spring.kafka.streams.*}
 * (exactly_once_v2: outputs, dead letters and input offsets commit in one transaction): bytes in,
 * parse and check, then the enriched user to the target topic or the original bytes to
 * {@code <source>-dlt}. Nothing can fail to deserialize, so no record blocks the stream. Kafka
 * Streams' own metrics reach Micrometer through Boot's Kafka metrics auto-configuration.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class) // whose streams configuration waits for @EnableKafkaStreams
@ConditionalOnClass(KafkaStreams.class)
@ConditionalOnBean({ UserEnrichment.class, StreamRoute.class })
@EnableKafkaStreams
public class UserStreamAutoConfiguration {

	@Bean
	KStream<String, Routed> userStream(StreamsBuilder builder, StreamRoute route, UserEnrichment enrichment,
			MeterRegistry meterRegistry) {
		Produced<String, byte[]> produced = Produced.with(Serdes.String(), Serdes.ByteArray());
		KStream<String, Routed> routed = builder
			.stream(route.source(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("users-in"))
			.process(() -> new EnrichmentProcessor(route, enrichment, meterRegistry), Named.as("enrich"));
		routed.split(Named.as("route-"))
			.branch((key, value) -> value.deadLetter(), Branched.withConsumer(
					deadLetters -> deadLetters.mapValues(Routed::value).to(TopicsProperties.deadLetterOf(route.source()), produced),
					"dead-letter"))
			.defaultBranch(Branched.withConsumer(users -> users.mapValues(Routed::value).to(route.target(), produced),
					"enriched"));
		return routed;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	@ConditionalOnEnabledHealthIndicator("kafkaStreams")
	static class KafkaStreamsHealthConfiguration {

		@Bean
		KafkaStreamsHealthIndicator kafkaStreamsHealthIndicator(StreamsBuilderFactoryBean streamsBuilder) {
			return new KafkaStreamsHealthIndicator(streamsBuilder);
		}

	}

}
