package io.userstream.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The bearer token every API request but the probes must carry.
 *
 * @param token {@code USERSTREAM_API_TOKEN}; when unset, the service makes up a strong one and logs it once
 */
@ConfigurationProperties("userstream.api")
record ApiTokenProperties(String token) {
}
