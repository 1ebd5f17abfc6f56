package io.userstream.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code userstream-defaults.properties} (the delivery settings every service shares)
 * behind everything else, so one file says them once and any service property, environment variable
 * or command-line argument still overrides them.
 */
class UserstreamDefaults implements EnvironmentPostProcessor {

	static final String LOCATION = "userstream-defaults.properties";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			new PropertiesPropertySourceLoader().load("userstreamDefaults", new ClassPathResource(LOCATION))
				.forEach(environment.getPropertySources()::addLast);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
