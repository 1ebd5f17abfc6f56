package io.userstream.ingest.run;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /ingest/run}: one run now, answered with its summary when the broker has acknowledged it.
 * Only JSON, so that a cross-site form cannot start a run; at most {@link BodyLimit#MAX_BYTES}.
 */
@RestController
class IngestController {

	private final Ingestion ingestion;

	IngestController(Ingestion ingestion) {
		this.ingestion = ingestion;
	}

	@Operation(summary = "Fetch users from randomuser.me and publish them to users_info, now",
			description = "Every field of the body may be left out, and so may the body (Content-Type: application/json all the same).")
	@ApiResponse(responseCode = "200", description = "The run's summary, once the broker has acknowledged every user")
	@ApiResponse(responseCode = "400",
			description = "Malformed JSON, an unknown field, or a field out of range or of the wrong type; detail names the field")
	@ApiResponse(responseCode = "409", description = "Another run, triggered or scheduled, has not finished")
	@ApiResponse(responseCode = "413", description = "A body larger than 16 KB")
	@ApiResponse(responseCode = "415", description = "A body, or none, not declared as application/json")
	@ApiResponse(responseCode = "502",
			description = "randomuser.me kept failing: the summary so far (what was fetched is published) and an errorId")
	@ApiResponse(responseCode = "503",
			description = "Kafka did not acknowledge every user: the summary so far and an errorId; repeat once the broker is back")
	@PostMapping(path = "/ingest/run", consumes = MediaType.APPLICATION_JSON_VALUE)
	RunSummary run(@Valid @RequestBody(required = false) RunRequest request,
			@Parameter(hidden = true) @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) MediaType contentType)
			throws HttpMediaTypeNotSupportedException {
		// consumes holds only for a body; an empty one (all defaults) must be declared JSON too.
		if (contentType == null || !MediaType.APPLICATION_JSON.isCompatibleWith(contentType)) {
			throw new HttpMediaTypeNotSupportedException(contentType, List.of(MediaType.APPLICATION_JSON), HttpMethod.POST);
		}
		return this.ingestion.run((request != null) ? request : new RunRequest(null, null, null), Ingestion.Trigger.API);
	}

}
