package io.userstream.persist;

import io.userstream.persist.schema.MigrateCommand;
import io.userstream.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** The migrate step, in this JVM, as the test server's owner, with the test run's runtime role. */
public final class Migrations {

	private Migrations() {
	}

	public static void migrate(String url) {
		assertThat(MigrateCommand.run("--spring.datasource.url=" + url,
				"--spring.datasource.username=" + TestDatabase.username(),
				"--spring.datasource.password=" + TestDatabase.password(),
				"--userstream.runtime-role.name=" + TestDatabase.runtimeRole().name(),
				"--userstream.runtime-role.password=" + TestDatabase.runtimeRole().password()))
			.as("the migrate step's exit code").isZero();
	}

}
