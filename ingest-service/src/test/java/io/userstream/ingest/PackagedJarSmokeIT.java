package io.userstream.ingest;

import java.net.InetAddress;
import java.net.SocketException;
import java.time.Duration;

import io.userstream.test.ApiDoorContract;
import io.userstream.test.ServiceProcess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The packaged jar, as deployed, starts against the test broker and reports ready: a missing starter fails here. */
class PackagedJarSmokeIT {

	@Test
	void packagedJarStartsReadyAndExposesMetrics() {
		try (ServiceProcess service = ServiceProcess.ofThisModule("ingest-service").start()) {
			service.awaitReady(Duration.ofMinutes(2));

			assertThat(service.get("/readyz").body()).contains("\"kafka\"");
			assertThat(service.get("/livez").statusCode()).isEqualTo(200);
			assertThat(service.getManagement("/actuator/prometheus").body()).contains("application=\"ingest-service\"");
		}
	}

	@Test
	void theActuatorListensOnLoopbackOnlyAndTheApiOnEveryAddress() throws SocketException {
		InetAddress outside = ApiDoorContract.nonLoopbackAddress().orElse(null);
		assumeTrue(outside != null, "this host has no address but loopback");
		try (ServiceProcess service = ServiceProcess.ofThisModule("ingest-service").start()) {
			service.awaitReady(Duration.ofMinutes(2));
			int management = service.managementUri("/").getPort();

			assertThat(ApiDoorContract.accepts(InetAddress.getLoopbackAddress(), management)).isTrue();
			assertThat(ApiDoorContract.accepts(outside, management)).as("management port on " + outside).isFalse();
			assertThat(ApiDoorContract.accepts(outside, service.uri("/").getPort())).as("API port on " + outside).isTrue();
			assertThat(service.get("/readyz").statusCode()).isEqualTo(200);
		}
	}

}
