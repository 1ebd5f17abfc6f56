package io.userstream.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.StringUtils;

/** The token this service accepts, compared in constant time so that the answer's timing gives nothing away. */
final class ApiToken {

	/** What compose's {@code .env} ships: known to everyone who has read the repository. */
	static final String DEVELOPMENT_TOKEN = "development-token-change-me";

	private static final Logger logger = LoggerFactory.getLogger(ApiToken.class);

	private final byte[] token;

	private ApiToken(String token) {
		this.token = token.getBytes(StandardCharsets.UTF_8);
	}

	static ApiToken of(ApiTokenProperties properties) {
		if (!StringUtils.hasText(properties.token())) {
			String generated = generate();
			logger.warn("\n\nUsing generated API token: {}\n\nSet USERSTREAM_API_TOKEN (userstream.api.token) to choose "
					+ "one; every request but /livez and /readyz needs 'Authorization: Bearer <token>'.\n", generated);
			return new ApiToken(generated);
		}
		if (DEVELOPMENT_TOKEN.equals(properties.token())) {
			logger.warn("USERSTREAM_API_TOKEN is the published development token '{}': anyone who has read the "
					+ "repository can call this service. Set a secret one outside development.", DEVELOPMENT_TOKEN);
		}
		return new ApiToken(properties.token());
	}

	/** 32 random bytes, as long as a 256-bit key. */
	private static String generate() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	boolean matches(String presented) {
		return MessageDigest.isEqual(this.token, presented.getBytes(StandardCharsets.UTF_8));
	}

}
