package io.userstream.timestamp;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.userstream.kafka.RecordTracing;
import io.userstream.kafka.TopicsProperties;
import io.userstream.kafka.deadletter.DeadLetterSource;
import io.userstream.kafka.streams.EnrichmentTopology;
import io.userstream.kafka.streams.StreamRoute;
import io.userstream.model.Stage;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/** {@code users_info} to {@code timestamp_topic}, each user stamped with the current UTC instant, exactly once. */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class TimestampStage {

	static StreamRoute route(TopicsProperties topics) {
		return new StreamRoute(topics.usersInfo(), topics.timestamp(), Stage.FETCHED);
	}

	@Bean
	KStream<String, byte[]> timestampStream(StreamsBuilder builder, TopicsProperties topics, MeterRegistry meterRegistry, RecordTracing tracing) {
		return EnrichmentTopology.build(builder, route(topics), new Timestamping(Clock.systemUTC()), meterRegistry, tracing);
	}

	@Bean
	DeadLetterSource deadLetterSource(TopicsProperties topics) {
		return new DeadLetterSource(route(topics).source());
	}

}
