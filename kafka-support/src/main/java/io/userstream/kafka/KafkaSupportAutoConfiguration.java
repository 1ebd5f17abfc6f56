package io.userstream.kafka;

import java.time.Duration;
import java.util.stream.Stream;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.userstream.model.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** What every service gets from kafka-support: its topics declared and Kafka in its health. */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(TopicsProperties.class)
public class KafkaSupportAutoConfiguration {

	/**
	 * The three topics and their dead-letter twins, and every {@code NewTopic} bean. They are declared
	 * here rather than by Boot's {@code KafkaAdmin}, which would add partitions to an existing topic: its
	 * filter declines every topic.
	 */
	@Bean
	TopicDeclarations topicDeclarations(KafkaAdmin kafkaAdmin, KafkaProperties kafka, TopicsProperties topics,
			ObjectProvider<NewTopic> otherTopics) {
		kafkaAdmin.setCreateOrModifyTopic(topic -> false);
		return new TopicDeclarations(kafkaAdmin, kafka.getAdmin().isAutoCreate(),
				() -> Stream.concat(pipelineTopics(topics), otherTopics.orderedStream()).toList());
	}

	private static Stream<NewTopic> pipelineTopics(TopicsProperties topics) {
		return Stream.of(topics.usersInfo(), topics.timestamp(), topics.label())
			.flatMap(topic -> Stream.of(declare(topic, topics, topics.retention()),
					declare(Topics.deadLetterOf(topic), topics, topics.deadLetterRetention())));
	}

	@Bean
	@ConditionalOnMissingBean
	RecordTracing recordTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		return new RecordTracing(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
	}

	private static NewTopic declare(String name, TopicsProperties topics, Duration retention) {
		return topics.topic(name)
			.partitions(topics.partitions())
			.config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retention.isNegative() ? -1 : retention.toMillis()))
			.build();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	@ConditionalOnEnabledHealthIndicator("kafka")
	static class KafkaHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "kafkaHealthIndicator")
		KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, TopicDeclarations topicDeclarations) {
			return new KafkaHealthIndicator(kafkaAdmin, topicDeclarations);
		}

	}

}
