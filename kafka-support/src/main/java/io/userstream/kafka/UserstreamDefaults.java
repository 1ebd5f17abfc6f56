package io.userstream.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.ClassUtils;

/**
 * Adds {@code userstream-defaults.properties} (serde, delivery, exactly-once, actuator settings every
 * service shares) behind everything else, so one file says them once and any service property,
 * environment variable or command-line argument still overrides them. Services that run Kafka
 * Streams also get {@code userstream-streams-defaults.properties}, ahead of the shared file.
 */
class UserstreamDefaults implements EnvironmentPostProcessor {

	static final String LOCATION = "userstream-defaults.properties";

	static final String STREAMS_LOCATION = "userstream-streams-defaults.properties";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (ClassUtils.isPresent("org.apache.kafka.streams.KafkaStreams", application.getClassLoader())) {
			addLast(environment, "userstreamStreamsDefaults", STREAMS_LOCATION);
		}
		addLast(environment, "userstreamDefaults", LOCATION);
	}

	private static void addLast(ConfigurableEnvironment environment, String name, String location) {
		try {
			new PropertiesPropertySourceLoader().load(name, new ClassPathResource(location))
				.forEach(environment.getPropertySources()::addLast);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
