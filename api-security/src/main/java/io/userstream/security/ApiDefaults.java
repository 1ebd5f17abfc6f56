package io.userstream.security;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code userstream-api-defaults.properties} (ports, actuator, errors, shutdown) behind everything
 * else, so that a service's properties, an environment variable or an argument still overrides them.
 * The actuator's own port listens on 127.0.0.1 by default; an actuator that shares the API port (behind
 * the token) can have no address of its own.
 */
class ApiDefaults implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			new PropertiesPropertySourceLoader()
				.load("userstreamApiDefaults", new ClassPathResource("userstream-api-defaults.properties"))
				.forEach(environment.getPropertySources()::addLast);
			environment.getPropertySources().addLast(new LoopbackManagementAddress(environment));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static final class LoopbackManagementAddress extends PropertySource<Object> {

		private final Environment environment;

		LoopbackManagementAddress(Environment environment) {
			super("userstreamManagementAddress", new Object());
			this.environment = environment;
		}

		@Override
		public Object getProperty(String name) {
			return ("management.server.address".equals(name)
					&& ManagementPortType.get(this.environment) == ManagementPortType.DIFFERENT) ? "127.0.0.1" : null;
		}

	}

}
