package io.userstream.kafka.streams;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a stream stage stops trying ({@code userstream.streams.*}).
 *
 * @param maxThreadReplacements stream threads replaced after failures other than an outage within
 *        {@code replacementWindow}; one more failure and the process exits for its supervisor to restart it
 * @param replacementWindow how far back failures count
 */
@ConfigurationProperties("userstream.streams")
public record StreamStageProperties(@DefaultValue("3") int maxThreadReplacements,
		@DefaultValue("5m") Duration replacementWindow) {
}
