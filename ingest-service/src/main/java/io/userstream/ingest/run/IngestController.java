package io.userstream.ingest.run;

import java.util.List;

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

	@PostMapping(path = "/ingest/run", consumes = MediaType.APPLICATION_JSON_VALUE)
	RunSummary run(@Valid @RequestBody(required = false) RunRequest request,
			@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) MediaType contentType)
			throws HttpMediaTypeNotSupportedException {
		// consumes holds only for a body; an empty one (all defaults) must be declared JSON too.
		if (contentType == null || !MediaType.APPLICATION_JSON.isCompatibleWith(contentType)) {
			throw new HttpMediaTypeNotSupportedException(contentType, List.of(MediaType.APPLICATION_JSON), HttpMethod.POST);
		}
		return this.ingestion.run((request != null) ? request : new RunRequest(null, null, null), Ingestion.Trigger.API);
	}

}
