package io.userstream.standin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The query of {@code /api/1.4/?results=N&seed=S&page=P&nat=..}, read as randomuser.me reads it:
 * {@code results} outside 1..5000 or not a number becomes 1, {@code page} outside 1..10000 becomes
 * 1, unknown nationalities are ignored, and none means all of them.
 */
record PageRequest(String seed, int page, int results, List<Nationality> nationalities) {

	static final int MAX_RESULTS = 5000;

	static final int MAX_PAGE = 10000;

	static PageRequest parse(String rawQuery) {
		Map<String, String> query = decode(rawQuery);
		String seed = query.getOrDefault("seed", "");
		if (seed.isBlank()) {
			seed = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		}
		List<Nationality> nationalities = Arrays.stream(query.getOrDefault("nat", "").split(","))
			.map(Nationality::of)
			.flatMap(Optional::stream)
			.distinct()
			.toList();
		return new PageRequest(seed, bounded(query.get("page"), MAX_PAGE), bounded(query.get("results"), MAX_RESULTS),
				nationalities.isEmpty() ? List.of(Nationality.values()) : nationalities);
	}

	/** The seed of this page's random sequence: the same request gives the same users. */
	long randomSeed() {
		UUID hash = UUID.nameUUIDFromBytes(
				(this.seed + '|' + this.page + '|' + this.results + '|' + this.nationalities)
					.getBytes(StandardCharsets.UTF_8));
		return hash.getMostSignificantBits() ^ hash.getLeastSignificantBits();
	}

	private static int bounded(String value, int max) {
		try {
			int number = Integer.parseInt(value == null ? "" : value.trim());
			return (number < 1 || number > max) ? 1 : number;
		}
		catch (NumberFormatException ex) {
			return 1;
		}
	}

	private static Map<String, String> decode(String rawQuery) {
		Map<String, String> query = new HashMap<>();
		if (rawQuery == null) {
			return query;
		}
		for (String pair : rawQuery.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return query;
	}

}
