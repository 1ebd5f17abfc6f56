package io.userstream.ingest.run;

import io.micrometer.core.instrument.MeterRegistry;
import io.userstream.kafka.TopicsProperties;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The original's cron: a run of {@code ingest.schedule.count} users with a fresh seed every
 * {@code ingest.schedule.interval} after the previous one ended, skipped while a triggered run is going;
 * on one instance at a time ({@link ScheduleOwnership}). Scheduling is enabled for Boot's task
 * scheduler, which lets a running run finish on shutdown.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty("ingest.schedule.enabled")
class IngestSchedule {

	@Bean
	ScheduleOwnership scheduleOwnership(Ingestion ingestion, IngestProperties properties, TaskScheduler scheduler,
			MeterRegistry meterRegistry) {
		return new ScheduleOwnership(ingestion, properties.schedule(), scheduler, meterRegistry);
	}

	@Bean
	NewTopic scheduleOwnershipTopic(TopicsProperties topics) {
		return topics.topic(ScheduleOwnership.TOPIC).partitions(1).build();
	}

	/** A member of the group {@value ScheduleOwnership#TOPIC} that never receives a record. */
	@Bean
	KafkaMessageListenerContainer<Object, Object> scheduleOwnershipContainer(ConsumerFactory<Object, Object> consumerFactory,
			ScheduleOwnership ownership) {
		ContainerProperties container = new ContainerProperties(ScheduleOwnership.TOPIC);
		container.setGroupId(ScheduleOwnership.TOPIC);
		container.setConsumerRebalanceListener(ownership);
		container.setMessageListener((MessageListener<Object, Object>) record -> {
		});
		return new KafkaMessageListenerContainer<>(consumerFactory, container);
	}

}
