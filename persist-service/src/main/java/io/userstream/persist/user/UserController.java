package io.userstream.persist.user;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.userstream.model.User;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Reads what the sink stored. Every bad parameter is a 400 problem+json (Spring's method validation and
 * type conversion, rendered by Boot's problem-details handler), never a silent clamp; a read the
 * database does not answer in time is a 503 ({@link DatabaseBusyHandler}).
 */
@RestController
@RequestMapping("/users")
@EnableConfigurationProperties(LabelsProperties.class)
@Transactional(readOnly = true)
class UserController {

	static final int MAX_PAGE_SIZE = 1000;

	/** The furthest row a page may start at: beyond it, PostgreSQL reads and drops every row before. */
	static final long MAX_OFFSET = 10_000_000;

	private static final String DATABASE_BUSY = "The database did not answer in time: try again; "
			+ "errorId names the log line with the cause";

	private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("timestamp").nullsLast(), Sort.Order.asc("id"));

	private final UserRepository users;

	private final LabelsProperties labels;

	UserController(UserRepository users, LabelsProperties labels) {
		this.users = users;
		this.labels = labels;
	}

	@Operation(summary = "Stored users, newest first, a page at a time; optionally of one label and one gender")
	@ApiResponse(responseCode = "200", description = "One page of users")
	@ApiResponse(responseCode = "400",
			description = "A label not configured, page below 0, size outside 1..1000, a page starting beyond 10,000,000 rows, or not a number")
	@ApiResponse(responseCode = "503", description = DATABASE_BUSY)
	@GetMapping
	UserPage list(@RequestParam(required = false) String label, @RequestParam(required = false) String gender,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
		if (label != null && !this.labels.values().contains(label)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"label must be one of " + String.join(", ", this.labels.values()));
		}
		if ((long) page * size > MAX_OFFSET) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page must be at most " + MAX_OFFSET / size
					+ " for size " + size + ": a page may start at most " + MAX_OFFSET + " rows in");
		}
		Page<StoredUser> found = this.users.findAll(label, gender, PageRequest.of(page, size, NEWEST_FIRST));
		return new UserPage(found.map(StoredUser::toUser).getContent(), page, size, found.getTotalElements(),
				found.getTotalPages());
	}

	@Operation(summary = "One stored user by id, in the JSON the topics carry")
	@ApiResponse(responseCode = "200", description = "The user")
	@ApiResponse(responseCode = "400", description = "The id is not a UUID")
	@ApiResponse(responseCode = "404", description = "No user with this id is stored")
	@ApiResponse(responseCode = "503", description = DATABASE_BUSY)
	@GetMapping("/{id}")
	User one(@PathVariable UUID id) {
		return this.users.findById(id)
			.map(StoredUser::toUser)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no user " + id));
	}

	@Operation(summary = "How many users are stored, per label and per gender, and the newest timestamp")
	@ApiResponse(responseCode = "200", description = "The counts")
	@ApiResponse(responseCode = "503", description = DATABASE_BUSY)
	@GetMapping("/stats")
	UserStats stats() {
		return new UserStats(this.users.count(), counts(this.users.countByLabel()), counts(this.users.countByGender()),
				this.users.newestTimestamp());
	}

	private static Map<String, Long> counts(List<Object[]> groups) {
		Map<String, Long> counts = new LinkedHashMap<>();
		groups.forEach(group -> counts.put(String.valueOf(group[0]), (Long) group[1]));
		return counts;
	}

}
