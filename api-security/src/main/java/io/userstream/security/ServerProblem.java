package io.userstream.security;

import java.util.UUID;

import org.slf4j.Logger;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * A server-side failure as the caller sees it: our own words and an {@code errorId}, never a library's
 * message, a host or a URL; the log line with the same id has the cause for whoever runs the service.
 */
public final class ServerProblem {

	private ServerProblem() {
	}

	public static ProblemDetail logged(Logger logger, HttpStatusCode status, String detail, Throwable cause) {
		String errorId = UUID.randomUUID().toString();
		logger.warn("{} {} [errorId={}]: {}", status.value(), detail, errorId, cause.toString(), cause);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setProperty("errorId", errorId);
		return problem;
	}

}
