package io.userstream.kafka.deadletter;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The service's dead letters: listed newest first, counted by exception class, and replayed. */
@RestController
@RequestMapping("/dead-letters")
class DeadLetterController {

	private static final Logger logger = LoggerFactory.getLogger(DeadLetterController.class);

	static final int MAX_LIMIT = 500;

	private static final String KAFKA_UNAVAILABLE = "Kafka did not answer in time: try again later";

	private final DeadLetterReader reader;

	private final DeadLetterReplay replay;

	private final DeadLetterProperties properties;

	DeadLetterController(DeadLetterReader reader, DeadLetterReplay replay, DeadLetterProperties properties) {
		this.reader = reader;
		this.replay = replay;
		this.properties = properties;
	}

	@Operation(summary = "The service's dead letters, newest first, a page at a time")
	@ApiResponse(responseCode = "200", description = "A page; next is the cursor for older ones, null at the end")
	@ApiResponse(responseCode = "400", description = "limit outside 1..500, or before not a cursor this service gave out")
	@ApiResponse(responseCode = "503", description = KAFKA_UNAVAILABLE)
	@GetMapping
	DeadLetterPage list(@RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) String before) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
		}
		return this.reader.page(limit, (before != null) ? DeadLetterCursor.decode(before) : null);
	}

	@Operation(summary = "How many dead letters the topic holds, by the class of the exception that sent them")
	@ApiResponse(responseCode = "200", description = "The counts")
	@ApiResponse(responseCode = "503", description = KAFKA_UNAVAILABLE)
	@GetMapping("/summary")
	Summary summary() {
		Map<String, Long> counts = this.reader.countsByException();
		return new Summary(this.reader.topic(), counts.values().stream().mapToLong(Long::longValue).sum(), counts);
	}

	@Operation(summary = "Sends dead letters back to the topic they failed on, each at most once",
			description = "{\"all\": true} or {\"offsets\": [{\"partition\": 0, \"offset\": 12}]}")
	@ApiResponse(responseCode = "200", description = "How many were replayed, skipped as replayed before, and which cannot be")
	@ApiResponse(responseCode = "400", description = "Neither or both of all and offsets, an offset with no dead letter, or not JSON")
	@ApiResponse(responseCode = "415", description = "The body is not declared application/json")
	@ApiResponse(responseCode = "503", description = KAFKA_UNAVAILABLE)
	@PostMapping(path = "/replay", consumes = MediaType.APPLICATION_JSON_VALUE)
	ReplaySummary replay(@RequestBody ReplayRequest request) {
		return this.replay.replay(request);
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail badRequest(IllegalArgumentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler(KafkaException.class)
	ProblemDetail kafkaUnavailable(KafkaException ex) {
		logger.warn("Dead letters of {} unavailable: {}", this.reader.topic(), ex.getClass().getName());
		return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"Kafka did not answer within " + this.properties.kafkaTimeout() + "; try again later");
	}

	/** How many dead letters the topic holds, in all and by exception class. */
	record Summary(String topic, long total, Map<String, Long> byException) {
	}

}
