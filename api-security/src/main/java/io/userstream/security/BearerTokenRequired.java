package io.userstream.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/** A 401 that says which scheme to use (RFC 6750), as problem+json like every other error of the API. */
final class BearerTokenRequired implements AuthenticationEntryPoint {

	private static final String PROBLEM = """
			{"type":"about:blank","title":"Unauthorized","status":401,\
			"detail":"this request needs the header 'Authorization: Bearer <USERSTREAM_API_TOKEN>'"}""";

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		response.setStatus(HttpStatus.UNAUTHORIZED.value());
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(PROBLEM.getBytes(StandardCharsets.UTF_8));
	}

}
