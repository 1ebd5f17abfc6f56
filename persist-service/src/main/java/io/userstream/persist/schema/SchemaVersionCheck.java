package io.userstream.persist.schema;

import org.flywaydb.core.api.MigrationInfo;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service connects as the runtime role, which may not change the schema: it only checks Flyway's
 * history and refuses to start on a schema the migrate step has not brought up to date.
 */
@Configuration(proxyBeanMethods = false)
class SchemaVersionCheck {

	@Bean
	FlywayMigrationStrategy refuseWhenMigrationsArePending() {
		return flyway -> {
			MigrationInfo[] pending = flyway.info().pending();
			if (pending.length > 0) {
				throw new IllegalStateException("The database schema lacks " + pending.length
						+ " migration(s), up to version " + pending[pending.length - 1].getVersion()
						+ ": run the migrate step first: java -jar persist-service.jar " + MigrateCommand.NAME);
			}
		};
	}

}
