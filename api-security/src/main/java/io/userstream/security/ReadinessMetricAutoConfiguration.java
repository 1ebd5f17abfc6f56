package io.userstream.security;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;

/**
 * {@code userstream_ready}: 1 while the readiness health group is UP, else 0, asked of the health
 * endpoint at each scrape. Boot exports no health metric, and the alert on a service that stays not
 * ready needs one.
 */
@AutoConfiguration(after = HealthEndpointAutoConfiguration.class)
@ConditionalOnBean(HealthEndpoint.class)
class ReadinessMetricAutoConfiguration {

	@Bean
	MeterBinder readinessMetric(HealthEndpoint health) {
		return registry -> Gauge.builder("userstream.ready", health, ReadinessMetricAutoConfiguration::ready)
			.description("1 while the readiness health group is UP, else 0")
			.register(registry);
	}

	private static double ready(HealthEndpoint health) {
		HealthDescriptor readiness = health.healthForPath("readiness");
		return (readiness != null && Status.UP.equals(readiness.getStatus())) ? 1 : 0;
	}

}
