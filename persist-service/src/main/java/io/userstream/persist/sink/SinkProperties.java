package io.userstream.persist.sink;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the sink waits for an unreachable database ({@code userstream.persist.*}); it never gives up.
 *
 * @param retryInitialInterval the first wait before a batch is tried again
 * @param retryMaxInterval the longest wait between tries, so a recovery is noticed soon
 */
@ConfigurationProperties("userstream.persist")
record SinkProperties(@DefaultValue("500ms") Duration retryInitialInterval, @DefaultValue("10s") Duration retryMaxInterval) {
}
