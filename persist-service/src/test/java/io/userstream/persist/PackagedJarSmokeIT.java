package io.userstream.persist;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import io.userstream.test.ServiceProcess;
import io.userstream.test.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar, as deployed, starts against the test broker and reports ready: a missing starter fails here. */
class PackagedJarSmokeIT {

	@Test
	void packagedJarStartsReadyAndExposesMetrics() throws Exception {
		try (ServiceProcess service = ServiceProcess.ofThisModule("persist-service").withDatabase().start()) {
			service.awaitReady(Duration.ofMinutes(2));

			assertThat(service.get("/readyz").body()).contains("\"kafka\"", "\"db\"", "\"sink\"");
			assertThat(service.get("/livez").statusCode()).isEqualTo(200);
			assertThat(service.getManagement("/actuator/prometheus").body()).contains("application=\"persist-service\"",
					"kafka_consumer_fetch_manager_records_lag");
			try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement();
					ResultSet applied = statement
						.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
				applied.next();
				assertThat(applied.getInt(1)).as("applied Flyway migrations").isGreaterThanOrEqualTo(3);
			}
		}
	}

}
