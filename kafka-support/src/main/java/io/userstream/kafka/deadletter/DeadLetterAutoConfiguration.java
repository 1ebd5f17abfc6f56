package io.userstream.kafka.deadletter;

import io.micrometer.core.instrument.MeterRegistry;
import io.userstream.kafka.KafkaSupportAutoConfiguration;
import io.userstream.kafka.TopicsProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;

/**
 * Dead-letter reading and replay for a service that declares the {@link DeadLetterSource} it owns;
 * the endpoints where it serves HTTP.
 */
@AutoConfiguration(after = { KafkaAutoConfiguration.class, KafkaSupportAutoConfiguration.class })
@ConditionalOnBean(DeadLetterSource.class)
@EnableConfigurationProperties(DeadLetterProperties.class)
public class DeadLetterAutoConfiguration {

	@Bean(destroyMethod = "close")
	DeadLetterReader deadLetterReader(DeadLetterSource source, DeadLetterProperties properties, KafkaProperties kafka) {
		return DeadLetterReader.of(source, properties, kafka);
	}

	@Bean
	DeadLetterReplay deadLetterReplay(DeadLetterSource source, DeadLetterProperties properties, DeadLetterReader reader,
			KafkaProperties kafka, MeterRegistry meterRegistry) {
		return new DeadLetterReplay(source, properties, reader, () -> DeadLetterClients.replayProducer(kafka, source),
				() -> DeadLetterClients.committedReader(kafka, "dead-letter-replay-notes"), meterRegistry);
	}

	@Bean
	NewTopic deadLetterReplayNotes(DeadLetterSource source, TopicsProperties topics) {
		return topics.topic(source.replayNotesTopic())
			.partitions(1)
			.compact()
			.config(TopicConfig.RETENTION_MS_CONFIG, "-1")
			.build();
	}

	@Bean
	@ConditionalOnWebApplication
	DeadLetterController deadLetterController(DeadLetterReader reader, DeadLetterReplay replay,
			DeadLetterProperties properties) {
		return new DeadLetterController(reader, replay, properties);
	}

}
