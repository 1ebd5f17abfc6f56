package io.userstream.ingest.run;

import java.util.stream.Collectors;

import io.userstream.security.ServerProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Problem details that say what to fix: the offending field of a bad request, and the summary so far
 * of a run that failed, with an {@code errorId} that its log line carries too. In our own words only:
 * a library's message can name hosts, URLs or classes. Replaces Boot's default handler, whose details
 * name no field. Ordered as Boot's own handler is, ahead of the catch-all 500 of api-security.
 */
@RestControllerAdvice
@Order(0)
class IngestErrors extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(IngestErrors.class);

	@ExceptionHandler
	ProblemDetail runInProgress(RunInProgressException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

	/** 502: randomuser.me, which this service stands in front of, failed. */
	@ExceptionHandler
	ProblemDetail upstreamFailed(RunFailedException.UpstreamFailed ex) {
		return runFailed(HttpStatus.BAD_GATEWAY, ex);
	}

	/** 503: the broker is unavailable for now, and the run can be repeated once it is back. */
	@ExceptionHandler
	ProblemDetail notAcknowledged(RunFailedException.NotAcknowledged ex) {
		return runFailed(HttpStatus.SERVICE_UNAVAILABLE, ex);
	}

	private static ProblemDetail runFailed(HttpStatus status, RunFailedException ex) {
		ProblemDetail problem = ServerProblem.logged(logger, status, ex.getMessage(), ex);
		RunSummary summary = ex.summary();
		problem.setProperty("requested", summary.requested());
		problem.setProperty("fetched", summary.fetched());
		problem.setProperty("published", summary.published());
		problem.setProperty("skipped", summary.skipped());
		problem.setProperty("failedRequests", summary.failedRequests());
		problem.setProperty("durationMs", summary.durationMs());
		return problem;
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ex.getBody()
			.setDetail(ex.getFieldErrors()
				.stream()
				.map(error -> error.getField() + ": " + error.getDefaultMessage())
				.sorted()
				.collect(Collectors.joining("; ")));
		return handleExceptionInternal(ex, ex.getBody(), headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (NestedExceptionUtils.getMostSpecificCause(ex) instanceof BodyLimit.TooLarge tooLarge) {
			HttpStatus payloadTooLarge = HttpStatus.CONTENT_TOO_LARGE;
			return handleExceptionInternal(ex, ProblemDetail.forStatusAndDetail(payloadTooLarge, tooLarge.getMessage()),
					headers, payloadTooLarge, request);
		}
		return handleExceptionInternal(ex, ProblemDetail.forStatusAndDetail(status, describe(ex)), headers, status,
				request);
	}

	private static String describe(HttpMessageNotReadableException ex) {
		if (ex.getCause() instanceof UnrecognizedPropertyException unknown) {
			return unknown.getPropertyName() + ": unknown field; known are " + unknown.getKnownPropertyIds();
		}
		if (ex.getCause() instanceof JacksonException json) {
			String field = json.getPath()
				.stream()
				.map(JacksonException.Reference::getPropertyName)
				.filter(name -> name != null)
				.collect(Collectors.joining("."));
			return field.isEmpty() ? "malformed JSON" : field + ": not a value of the right type";
		}
		return "malformed request body";
	}

}
