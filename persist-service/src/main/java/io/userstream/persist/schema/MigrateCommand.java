package io.userstream.persist.schema;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.BeansException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * {@code java -jar persist-service.jar migrate}: connects with {@code spring.datasource.*} as the schema's
 * owner, takes over a {@code user_data} another role created, runs Flyway, sets up the runtime role and
 * exits. Only the datasource and Flyway start (no listener, no web server), so the owner's credentials
 * never sit in the long-running service. Not a {@code @Configuration}: the service's component scan
 * must not pick it up.
 */
@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, DataSourceAutoConfiguration.class,
		FlywayAutoConfiguration.class })
@EnableConfigurationProperties(RuntimeRoleProperties.class)
public class MigrateCommand {

	public static final String NAME = "migrate";

	private static final Logger logger = LoggerFactory.getLogger(MigrateCommand.class);

	/** The exit code: 0 once the schema and the runtime role are in place. */
	public static int run(String... args) {
		try {
			return SpringApplication.exit(new SpringApplicationBuilder(MigrateCommand.class)
				.web(WebApplicationType.NONE)
				.run(args));
		}
		catch (RuntimeException ex) {
			Throwable reason = ex;
			while (reason instanceof BeansException && reason.getCause() != null) {
				reason = reason.getCause();
			}
			logger.error("Migration failed: {}", reason.getMessage());
			return 1;
		}
	}

	@Bean
	FlywayMigrationStrategy ownerMigration(RuntimeRoleProperties runtimeRole) {
		return flyway -> new SchemaOwner(flyway, runtimeRole).migrate();
	}

}
