package io.userstream.kafka.deadletter;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.userstream.kafka.KafkaSupportAutoConfiguration;
import io.userstream.kafka.TopicsProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;

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
		return new DeadLetterReader(source, properties, () -> committedReader(kafka, "dead-letter-reader"));
	}

	@Bean
	DeadLetterReplay deadLetterReplay(DeadLetterSource source, DeadLetterProperties properties, DeadLetterReader reader,
			KafkaProperties kafka, MeterRegistry meterRegistry) {
		return new DeadLetterReplay(source, properties, reader, () -> replayProducer(kafka, source),
				() -> committedReader(kafka, "dead-letter-replay-notes"), meterRegistry);
	}

	@Bean
	NewTopic deadLetterReplayNotes(DeadLetterSource source, TopicsProperties topics) {
		return TopicBuilder.name(source.replayNotesTopic())
			.partitions(1)
			.replicas(topics.replicas())
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

	private static Consumer<String, byte[]> committedReader(KafkaProperties kafka, String clientId) {
		Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, DeadLetterController.MAX_LIMIT);
		return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
	}

	private static Producer<String, byte[]> replayProducer(KafkaProperties kafka, DeadLetterSource source) {
		Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
		config.put(ProducerConfig.CLIENT_ID_CONFIG, source.replayTransactionalId());
		config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, source.replayTransactionalId());
		return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
	}

}
