package io.userstream.timestamp;

import java.time.Duration;

import io.userstream.test.ServiceProcess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar, as deployed, starts against the test broker and reports ready: a missing starter fails here. */
class PackagedJarSmokeIT {

	@Test
	void packagedJarStartsReadyAndExposesMetrics() {
		try (ServiceProcess service = ServiceProcess.ofThisModule("timestamp-service").start()) {
			service.awaitReady(Duration.ofMinutes(2));

			assertThat(service.get("/readyz").body()).contains("\"kafka\"", "\"kafkaStreams\"", "RUNNING");
			assertThat(service.get("/livez").statusCode()).isEqualTo(200);
			assertThat(service.getManagement("/actuator/prometheus").body()).contains("application=\"timestamp-service\"");
		}
	}

}
