package io.userstream.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** What no other handler answers is a 500 with an {@code errorId}, after every service's own handlers. */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class UnexpectedErrors {

	private static final Logger logger = LoggerFactory.getLogger(UnexpectedErrors.class);

	@ExceptionHandler
	ProblemDetail unexpected(Exception ex) {
		return ServerProblem.logged(logger, HttpStatus.INTERNAL_SERVER_ERROR, "the request failed on the server", ex);
	}

}
