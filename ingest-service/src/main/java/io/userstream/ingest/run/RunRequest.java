package io.userstream.ingest.run;

import java.util.Locale;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/**
 * The body of {@code POST /ingest/run}; every field may be left out.
 *
 * @param count users to fetch, 1..50000
 * @param seed randomuser.me's seed: the same seed gives the same users, so the same ids
 * @param nat comma-separated nationalities that randomuser.me 1.4 knows, each at most once
 */
record RunRequest(@Min(1) @Max(MAX_COUNT) Integer count,
		@Pattern(regexp = "[A-Za-z0-9_.-]{1,64}", message = "must be 1 to 64 letters, digits, '_', '.' or '-'") String seed,
		@NationalityList String nat) {

	static final int MAX_COUNT = 50_000;

	static RunRequest ofCount(int count) {
		return new RunRequest(count, null, null);
	}

	/** {@code nat} as randomuser.me's query takes it ({@code "us,gb"}), or {@code null} for every nationality. */
	String natQuery() {
		return (this.nat != null)
				? String.join(",", NationalityList.Validator.entries(this.nat)).toLowerCase(Locale.ROOT) : null;
	}

}
