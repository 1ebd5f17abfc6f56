package io.userstream.test;

import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Points every Spring test context at the real test infrastructure: the JVM's embedded broker and
 * its own PostgreSQL database (created only when a context reads the datasource URL), connecting as
 * the {@linkplain TestDatabase#runtimeRole() runtime role}, the test run's API token. A test's own
 * inlined properties still win; Testcontainers' {@code @ServiceConnection} wins over both.
 */
class RealInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
		return new RealInfrastructureContextCustomizer();
	}

	private static final class RealInfrastructureContextCustomizer implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
			MutablePropertySources sources = context.getEnvironment().getPropertySources();
			PropertySource<?> infrastructure = new RealInfrastructurePropertySource();
			if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
				sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, infrastructure);
			}
			else {
				sources.addFirst(infrastructure);
			}
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof RealInfrastructureContextCustomizer;
		}

		@Override
		public int hashCode() {
			return RealInfrastructureContextCustomizer.class.hashCode();
		}

	}

	private static final class RealInfrastructurePropertySource extends PropertySource<Object> {

		RealInfrastructurePropertySource() {
			super("userstreamTestInfrastructure", new Object());
		}

		@Override
		public Object getProperty(String name) {
			return switch (name) {
				case "spring.kafka.bootstrap-servers" -> TestKafka.bootstrapServers();
				case "spring.datasource.url" -> TestDatabase.jdbcUrl();
				case "spring.datasource.username" -> TestDatabase.runtimeRole().name();
				case "spring.datasource.password" -> TestDatabase.runtimeRole().password();
				case "userstream.api.token" -> TestApiToken.value();
				// The actuator where MockMvc reaches it: on the API port, behind the token.
				case "management.server.port" -> "${server.port}";
				default -> null;
			};
		}

	}

}
