package io.userstream.kafka;

import java.util.stream.Stream;

import io.userstream.model.Topics;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/** What every service gets from kafka-support: its topics declared and Kafka in its health. */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(TopicsProperties.class)
public class KafkaSupportAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "userstreamTopics")
	KafkaAdmin.NewTopics userstreamTopics(TopicsProperties topics) {
		return new KafkaAdmin.NewTopics(Stream.of(topics.usersInfo(), topics.timestamp(), topics.label())
			.flatMap(topic -> Stream.of(topic, Topics.deadLetterOf(topic)))
			.map(topic -> TopicBuilder.name(topic).partitions(topics.partitions()).replicas(topics.replicas()).build())
			.toArray(NewTopic[]::new));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	@ConditionalOnEnabledHealthIndicator("kafka")
	static class KafkaHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "kafkaHealthIndicator")
		KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
			return new KafkaHealthIndicator(kafkaAdmin);
		}

	}

}
