package io.userstream.kafka.streams;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * What every stream stage needs around its topology, for any service that runs Kafka Streams
 * through spring-kafka ({@code @EnableKafkaStreams}): health, and supervision of its threads and its progress. The
 * topology itself is the service's own.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass({ KafkaStreams.class, StreamsBuilderFactoryBean.class })
@ConditionalOnBean(StreamsBuilderFactoryBean.class)
@EnableConfigurationProperties(StreamStageProperties.class)
public class StreamStageAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(StreamStageAutoConfiguration.class);

	/** Exit code of a stage that gave up, so that Docker, Kubernetes or local-stack restart it. */
	static final int GAVE_UP = 70;

	@Bean
	@ConditionalOnMissingBean(name = "kafkaStreamsHealthIndicator")
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	@ConditionalOnEnabledHealthIndicator("kafkaStreams")
	KafkaStreamsHealthIndicator kafkaStreamsHealthIndicator(StreamsBuilderFactoryBean streamsBuilder) {
		return new KafkaStreamsHealthIndicator(streamsBuilder);
	}

	@Bean
	@ConditionalOnMissingBean(name = "streamThreadSupervision")
	StreamsBuilderFactoryBeanConfigurer streamThreadSupervision(StreamStageProperties properties, GiveUp giveUp) {
		return factoryBean -> {
			factoryBean.setStreamsUncaughtExceptionHandler(new StreamThreadSupervisor(properties, Clock.systemUTC(), giveUp));
			factoryBean.setStateListener((newState, oldState) -> {
				if (newState == KafkaStreams.State.ERROR) {
					logger.error("Kafka Streams went from {} to ERROR and will process nothing more", oldState);
					giveUp.run();
				}
			});
		};
	}

	@Bean
	@ConditionalOnMissingBean
	StreamProgressWatchdog streamProgressWatchdog(StreamsBuilderFactoryBean streamsBuilder, KafkaAdmin kafkaAdmin,
			StreamStageProperties properties, GiveUp giveUp) {
		return new StreamProgressWatchdog(streamsBuilder, kafkaAdmin, properties.stallTimeout(), giveUp);
	}

	@Bean
	GiveUp streamStageGiveUp(ConfigurableApplicationContext context) {
		return new GiveUp(context);
	}

	/**
	 * Once, whoever asks first: liveness DOWN, so a probe sees why, then a non-zero exit on a thread of
	 * its own (the caller may be a stream thread).
	 */
	static final class GiveUp implements Runnable {

		private final ConfigurableApplicationContext context;

		private final AtomicBoolean givenUp = new AtomicBoolean();

		GiveUp(ConfigurableApplicationContext context) {
			this.context = context;
		}

		@Override
		public void run() {
			if (this.givenUp.compareAndSet(false, true)) {
				AvailabilityChangeEvent.publish(this.context, LivenessState.BROKEN);
				logger.error("Liveness is DOWN; exiting with code {} so that the process is restarted", GAVE_UP);
				new Thread(() -> System.exit(SpringApplication.exit(this.context, () -> GAVE_UP)), "stream-stage-exit").start();
			}
		}

	}

}
