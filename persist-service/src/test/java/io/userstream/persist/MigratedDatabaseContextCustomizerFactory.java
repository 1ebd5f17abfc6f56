package io.userstream.persist;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.userstream.test.TestDatabase;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * As deployed: before a test's service context starts, the migrate step runs as the owner against the
 * database the context will use (once per database); the service then connects as the runtime role
 * (test-support's infrastructure properties).
 */
class MigratedDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
		return new MigratedDatabaseContextCustomizer();
	}

	private static final class MigratedDatabaseContextCustomizer implements ContextCustomizer {

		private static final Set<String> migrated = new HashSet<>();

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
			// at refresh, once every property source (a test's dynamic URL too) is in place
			context.addBeanFactoryPostProcessor(beanFactory -> migrate(context.getEnvironment().getProperty("spring.datasource.url")));
		}

		private static synchronized void migrate(String url) {
			if (url != null && migrated.add(url)) {
				Migrations.migrate(url);
			}
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof MigratedDatabaseContextCustomizer;
		}

		@Override
		public int hashCode() {
			return MigratedDatabaseContextCustomizer.class.hashCode();
		}

	}

}
