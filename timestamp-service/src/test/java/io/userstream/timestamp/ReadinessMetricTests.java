package io.userstream.timestamp;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The metric the "not ready" alert reads follows the readiness group (api-security's gauge). */
@SpringBootTest
class ReadinessMetricTests {

	@Autowired
	MeterRegistry meters;

	@Autowired
	ApplicationContext context;

	@Test
	void isOneWhileReadyAndZeroWhileTheServiceRefusesTraffic() {
		await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(ready()).isEqualTo(1));

		AvailabilityChangeEvent.publish(this.context, ReadinessState.REFUSING_TRAFFIC);
		try {
			assertThat(ready()).isZero();
		}
		finally {
			AvailabilityChangeEvent.publish(this.context, ReadinessState.ACCEPTING_TRAFFIC);
		}
		assertThat(ready()).isEqualTo(1);
	}

	private double ready() {
		return this.meters.get("userstream.ready").tag("application", "timestamp-service").gauge().value();
	}

}
