package io.userstream.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The one definition of a valid user, by how far the user has travelled. Every stage checks its
 * input against the stage that wrote it, so an incomplete record is stopped at the first hop and
 * dead-lettered with the reason, instead of failing later or landing half-empty in the table.
 */
public enum Stage {

	/**
	 * Written by ingest to {@code users_info}. Requires the {@code id} (the Kafka key and the table's
	 * primary key: without it the sink cannot be idempotent) and the person's name and email (what
	 * makes the row about someone; randomuser.me always sends them, so their absence means a broken
	 * record, not a quiet user).
	 */
	FETCHED,

	/** Written by timestamp-service: also requires {@code timestamp}, from which latency and ordering follow. */
	TIMESTAMPED,

	/** Written by label-service: also requires {@code labels}, the field the sink and read API filter on. */
	LABELED;

	/** What is missing from the user for this stage; empty when the user is valid. */
	public List<String> violations(User user) {
		List<String> violations = new ArrayList<>();
		if (user.id() == null) {
			violations.add("id is missing");
		}
		requireText(user.firstName(), "first_name", violations);
		requireText(user.lastName(), "last_name", violations);
		requireText(user.email(), "email", violations);
		if (compareTo(TIMESTAMPED) >= 0 && user.timestamp() == null) {
			violations.add("timestamp is missing");
		}
		if (compareTo(LABELED) >= 0) {
			requireText(user.labels(), "labels", violations);
		}
		return violations;
	}

	public boolean accepts(User user) {
		return violations(user).isEmpty();
	}

	private static void requireText(String value, String field, List<String> violations) {
		if (value == null || value.isBlank()) {
			violations.add(field + " is missing");
		}
	}

}
