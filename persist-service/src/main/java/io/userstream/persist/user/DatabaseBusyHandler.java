package io.userstream.persist.user;

import io.userstream.security.ServerProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A read the database does not answer in time, because every read connection is taken or the statement
 * timeout passed, is a 503 problem+json: the request was fine and may be tried again, and the caller
 * is not left hanging. Outside the transactional controller, which could not open a transaction to
 * answer it. Its {@code errorId} finds the log line with the driver's words.
 */
@RestControllerAdvice(assignableTypes = UserController.class)
class DatabaseBusyHandler {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseBusyHandler.class);

	@ExceptionHandler({ TransientDataAccessException.class, CannotCreateTransactionException.class })
	ProblemDetail databaseBusy(Exception ex) {
		return ServerProblem.logged(logger, HttpStatus.SERVICE_UNAVAILABLE,
				"the database did not answer in time; try again", ex);
	}

}
