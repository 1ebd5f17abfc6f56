package io.userstream.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * {@code Authorization: Bearer <token>} read from a request, and accepted when it is this service's token.
 * There is one caller identity: whoever holds the token.
 */
final class ApiTokenAuthentication implements AuthenticationConverter, AuthenticationProvider {

	private static final String BEARER = "Bearer ";

	private static final String CALLER = "api-client";

	private final ApiToken token;

	ApiTokenAuthentication(ApiToken token) {
		this.token = token;
	}

	/** The presented token, or {@code null} when the request has none, so that it is answered as anonymous. */
	@Override
	public Authentication convert(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return null;
		}
		return new PreAuthenticatedAuthenticationToken(CALLER, header.substring(BEARER.length()).trim());
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		if (!(authentication.getCredentials() instanceof String presented) || !this.token.matches(presented)) {
			throw new BadCredentialsException("wrong API token");
		}
		return new PreAuthenticatedAuthenticationToken(CALLER, null, List.of());
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return PreAuthenticatedAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
