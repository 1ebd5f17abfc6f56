package io.userstream.ingest.run;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/**
 * The body of {@code POST /ingest/run}; every field may be left out.
 *
 * @param count users to fetch, 1..50000
 * @param seed randomuser.me's seed: the same seed gives the same users, so the same ids
 * @param nat comma-separated nationalities that randomuser.me 1.4 knows
 */
record RunRequest(@Min(1) @Max(MAX_COUNT) Integer count,
		@Pattern(regexp = "[A-Za-z0-9_.-]{1,64}", message = "must be 1 to 64 letters, digits, '_', '.' or '-'") String seed,
		@Pattern(regexp = "(?i)\\s*" + NATIONALITY + "\\s*(,\\s*" + NATIONALITY + "\\s*)*",
				message = "must be a comma-separated list of " + NATIONALITY) String nat) {

	static final int MAX_COUNT = 50_000;

	/** The nationalities of randomuser.me's API 1.4. */
	static final String NATIONALITY = "(AU|BR|CA|CH|DE|DK|ES|FI|FR|GB|IE|IN|IR|MX|NL|NO|NZ|RS|TR|UA|US)";

	static RunRequest ofCount(int count) {
		return new RunRequest(count, null, null);
	}

}
