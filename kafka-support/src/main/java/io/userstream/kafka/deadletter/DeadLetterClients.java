package io.userstream.kafka.deadletter;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/** The Kafka clients of dead-letter reading and replay, on the service's own connection settings. */
final class DeadLetterClients {

	private DeadLetterClients() {
	}

	static Consumer<String, byte[]> committedReader(KafkaProperties kafka, String clientId) {
		Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, DeadLetterController.MAX_LIMIT);
		return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
	}

	static Producer<String, byte[]> replayProducer(KafkaProperties kafka, DeadLetterSource source) {
		Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
		config.put(ProducerConfig.CLIENT_ID_CONFIG, source.replayTransactionalId());
		config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, source.replayTransactionalId());
		return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
	}

}
