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
 * @param stallTimeout how long records may wait on the input while nothing is committed before the
 *        stage counts as stuck and exits as well
 */
@ConfigurationProperties("userstream.streams")
public record StreamStageProperties(@DefaultValue("3") int maxThreadReplacements,
		@DefaultValue("5m") Duration replacementWindow, @DefaultValue("5m") Duration stallTimeout) {
}
