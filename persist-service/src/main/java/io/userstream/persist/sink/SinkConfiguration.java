package io.userstream.persist.sink;

import io.userstream.kafka.TopicsProperties;
import io.userstream.kafka.deadletter.DeadLetterSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SinkProperties.class)
class SinkConfiguration {

	@Bean
	DeadLetterSource deadLetterSource(TopicsProperties topics) {
		return new DeadLetterSource(topics.label());
	}

	/**
	 * A span per record of a batch, as the record's trace continues here (Boot has no property for it);
	 * {@link UserSink} puts each record's trace in the log context while it handles that record.
	 */
	@Bean
	ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> recordObservationsInBatch() {
		return container -> container.getContainerProperties().setRecordObservationsInBatch(true);
	}

	/**
	 * The sink handles data errors itself, so what reaches here is the database being away: retry the
	 * same batch without limit (ExponentialBackOff stops neither by attempts nor by elapsed time by
	 * default), committing nothing and dead-lettering nothing. The framework's default would give up
	 * after ten tries and drop or dead-letter a whole outage.
	 */
	@Bean
	DefaultErrorHandler sinkErrorHandler(SinkProperties properties) {
		ExponentialBackOff backOff = new ExponentialBackOff(properties.retryInitialInterval().toMillis(), 2.0);
		backOff.setMaxInterval(properties.retryMaxInterval().toMillis());
		return new DefaultErrorHandler(backOff);
	}

}
