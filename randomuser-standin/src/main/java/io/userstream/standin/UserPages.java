package io.userstream.standin;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/** Writes a page of randomuser.me 1.4 users, field for field in the real order and types. */
final class UserPages {

	/** Ages are counted from a fixed day, so a page stays byte-for-byte the same across years. */
	private static final LocalDate AGE_REFERENCE = LocalDate.of(2026, 1, 1);

	private static final long DOB_FROM = Instant.parse("1945-01-01T00:00:00Z").toEpochMilli();

	private static final long DOB_TO = Instant.parse("2003-12-31T00:00:00Z").toEpochMilli();

	private static final long REGISTERED_FROM = Instant.parse("2002-01-01T00:00:00Z").toEpochMilli();

	private static final long REGISTERED_TO = Instant.parse("2022-12-31T00:00:00Z").toEpochMilli();

	private static final String[] ADJECTIVES = { "green", "blue", "red", "purple", "yellow", "orange", "brown",
			"black", "white", "silver", "golden", "happy", "sad", "angry", "lazy", "heavy", "small", "big", "tiny",
			"crazy", "beautiful", "ticklish", "organic", "ornery", "smart", "sweet" };

	private static final String[] ANIMALS = { "butterfly", "duck", "swan", "tiger", "lion", "bear", "wolf", "fish",
			"rabbit", "frog", "goose", "peacock", "leopard", "ladybug", "koala", "gorilla", "panda", "snake", "bird",
			"elephant", "dog", "cat", "mouse", "zebra", "ostrich", "meercat", "buffalo", "owl", "kangaroo", "swan" };

	private static final String[] PASSWORDS = { "elvis1", "genesis", "kathy", "qwerty", "sunshine", "dragon",
			"monkey", "letmein", "trustno1", "shadow", "master", "hunter", "freedom", "whatever", "pepper" };

	private static final String[][] TIMEZONES = { { "-12:00", "Eniwetok, Kwajalein" },
			{ "-8:00", "Pacific Time (US & Canada)" }, { "-5:00", "Eastern Time (US & Canada), Bogota, Lima" },
			{ "-3:00", "Brazil, Buenos Aires, Georgetown" }, { "0:00", "Western Europe Time, London, Lisbon, Casablanca" },
			{ "+1:00", "Brussels, Copenhagen, Madrid, Paris" }, { "+2:00", "Kaliningrad, South Africa" },
			{ "+3:30", "Tehran" }, { "+5:30", "Bombay, Calcutta, Madras, New Delhi" },
			{ "+8:00", "Beijing, Perth, Singapore, Hong Kong" }, { "+10:00", "Eastern Australia, Guam, Vladivostok" } };

	/** Always with milliseconds, as randomuser.me writes dates ({@code Instant.toString()} drops ".000"). */
	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private static final String HEX = "0123456789abcdef";

	private final JsonMapper mapper = JsonMapper.builder().build();

	void write(PageRequest request, OutputStream out) {
		SplittableRandom random = new SplittableRandom(request.randomSeed());
		try (JsonGenerator json = this.mapper.createGenerator(out)) {
			json.writeStartObject();
			json.writeArrayPropertyStart("results");
			for (int i = 0; i < request.results(); i++) {
				writeUser(json, random, request.nationalities());
			}
			json.writeEndArray();
			json.writeObjectPropertyStart("info");
			json.writeStringProperty("seed", request.seed());
			json.writeNumberProperty("results", request.results());
			json.writeNumberProperty("page", request.page());
			json.writeStringProperty("version", "1.4");
			json.writeEndObject();
			json.writeEndObject();
		}
	}

	private void writeUser(JsonGenerator json, SplittableRandom random, List<Nationality> nationalities) {
		Nationality nat = nationalities.get(random.nextInt(nationalities.size()));
		Nationality.Pools pools = nat.pools();
		boolean male = random.nextBoolean();
		String first = pick(random, male ? pools.maleFirstNames : pools.femaleFirstNames);
		String last = pick(random, pools.lastNames);

		json.writeStartObject();
		json.writeStringProperty("gender", male ? "male" : "female");
		json.writeObjectPropertyStart("name");
		json.writeStringProperty("title", male ? "Mr" : pick(random, List.of("Mrs", "Ms", "Miss")));
		json.writeStringProperty("first", first);
		json.writeStringProperty("last", last);
		json.writeEndObject();

		json.writeObjectPropertyStart("location");
		json.writeObjectPropertyStart("street");
		json.writeNumberProperty("number", 1 + random.nextInt(9999));
		json.writeStringProperty("name", pick(random, pools.streets));
		json.writeEndObject();
		json.writeStringProperty("city", pick(random, pools.cities));
		json.writeStringProperty("state", pick(random, pools.states));
		json.writeStringProperty("country", nat.country);
		String postcode = fill(random, nat.postcodePattern);
		if (nat.numericPostcode) {
			json.writeNumberProperty("postcode", Integer.parseInt(postcode));
		}
		else {
			json.writeStringProperty("postcode", postcode);
		}
		json.writeObjectPropertyStart("coordinates");
		json.writeStringProperty("latitude", coordinate(random, 90));
		json.writeStringProperty("longitude", coordinate(random, 180));
		json.writeEndObject();
		String[] timezone = TIMEZONES[random.nextInt(TIMEZONES.length)];
		json.writeObjectPropertyStart("timezone");
		json.writeStringProperty("offset", timezone[0]);
		json.writeStringProperty("description", timezone[1]);
		json.writeEndObject();
		json.writeEndObject();

		json.writeStringProperty("email",
				(first + "." + last).toLowerCase(Locale.ROOT).replace(' ', '.') + "@example.com");

		json.writeObjectPropertyStart("login");
		json.writeStringProperty("uuid", uuid(random).toString());
		json.writeStringProperty("username", ADJECTIVES[random.nextInt(ADJECTIVES.length)]
				+ ANIMALS[random.nextInt(ANIMALS.length)] + (100 + random.nextInt(900)));
		json.writeStringProperty("password", PASSWORDS[random.nextInt(PASSWORDS.length)]);
		json.writeStringProperty("salt", random(random, ALPHANUMERIC, 8));
		json.writeStringProperty("md5", random(random, HEX, 32));
		json.writeStringProperty("sha1", random(random, HEX, 40));
		json.writeStringProperty("sha256", random(random, HEX, 64));
		json.writeEndObject();

		writeDate(json, "dob", random.nextLong(DOB_FROM, DOB_TO));
		writeDate(json, "registered", random.nextLong(REGISTERED_FROM, REGISTERED_TO));

		json.writeStringProperty("phone", fill(random, nat.phonePattern));
		json.writeStringProperty("cell", fill(random, nat.phonePattern));

		json.writeObjectPropertyStart("id");
		json.writeStringProperty("name", nat.idName);
		// randomuser.me sends null for some nationalities always and now and then for the others
		if (nat.idName.isEmpty() || random.nextInt(20) == 0) {
			json.writeNullProperty("value");
		}
		else {
			json.writeStringProperty("value", fill(random, "#########"));
		}
		json.writeEndObject();

		String folder = male ? "men" : "women";
		int portrait = random.nextInt(100);
		json.writeObjectPropertyStart("picture");
		json.writeStringProperty("large", "https://randomuser.me/api/portraits/" + folder + "/" + portrait + ".jpg");
		json.writeStringProperty("medium",
				"https://randomuser.me/api/portraits/med/" + folder + "/" + portrait + ".jpg");
		json.writeStringProperty("thumbnail",
				"https://randomuser.me/api/portraits/thumb/" + folder + "/" + portrait + ".jpg");
		json.writeEndObject();

		json.writeStringProperty("nat", nat.name());
		json.writeEndObject();
	}

	private static void writeDate(JsonGenerator json, String name, long epochMilli) {
		Instant date = Instant.ofEpochMilli(epochMilli);
		json.writeObjectPropertyStart(name);
		json.writeStringProperty("date", DATE.format(date));
		json.writeNumberProperty("age",
				ChronoUnit.YEARS.between(date.atZone(ZoneOffset.UTC).toLocalDate(), AGE_REFERENCE));
		json.writeEndObject();
	}

	/** A version 4 UUID from the page's random sequence. */
	private static UUID uuid(SplittableRandom random) {
		long most = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
		long least = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
		return new UUID(most, least);
	}

	/** A degree with four decimals, as a string like randomuser.me's. */
	private static String coordinate(SplittableRandom random, int bound) {
		return BigDecimal.valueOf(random.nextInt(-bound * 10_000, bound * 10_000 + 1), 4).toPlainString();
	}

	private static String pick(SplittableRandom random, List<String> values) {
		return values.get(random.nextInt(values.size()));
	}

	/** {@code #} becomes a digit and {@code ?} a capital letter. */
	private static String fill(SplittableRandom random, String pattern) {
		StringBuilder out = new StringBuilder(pattern.length());
		for (int i = 0; i < pattern.length(); i++) {
			char c = pattern.charAt(i);
			out.append(switch (c) {
				case '#' -> (char) ('0' + random.nextInt(10));
				case '?' -> (char) ('A' + random.nextInt(26));
				default -> c;
			});
		}
		return out.toString();
	}

	private static String random(SplittableRandom random, String alphabet, int length) {
		StringBuilder out = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			out.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return out.toString();
	}

}
