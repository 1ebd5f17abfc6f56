package io.userstream.model;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The positional reading of the common forms answers exactly as the formatter does, for every text. */
class TimestampDeserializerTests {

	@Test
	void readsEveryFormTheWireCarriesAsTheFormatterDoes() {
		Random random = new Random(42);
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < 2_000; i++) {
			LocalDateTime time = LocalDateTime.ofEpochSecond(random.nextLong(-62_000_000_000L, 250_000_000_000L),
					random.nextInt(1_000_000_000), ZoneOffset.UTC);
			int fractionDigits = random.nextInt(10);
			String pattern = "uuuu-MM-dd'T'HH:mm:ss" + ((fractionDigits > 0) ? "." + "S".repeat(fractionDigits) : "");
			String local = time.format(DateTimeFormatter.ofPattern(pattern));
			for (String suffix : List.of("Z", "+00:00", "", "+03:30", "-05:00")) {
				texts.add(local + suffix);
				texts.add(local.replace('T', ' ') + suffix);
			}
			texts.add(time.toInstant(ZoneOffset.UTC).toString());
		}
		texts.forEach(TimestampDeserializerTests::readsAsTheFormatterDoes);
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-02-29T00:00:00Z", "2024-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
			"2026-00-10T00:00:00Z", "2026-11-31T00:00:00Z", "2026-11-28T24:00:00Z", "2026-11-28T23:60:00Z",
			"2026-11-28T23:59:60Z", "2026-11-28T15:01:08.Z", "2026-11-28T15:01:08.1234567891Z",
			"2026-11-28T15:01:08.123456789Z", "2026-11-28T15:01Z", "2026-11-28T15:01", "2026-11-28",
			"2026-11-28T15:01:08", "2026-11-28t15:01:08z", "2026-11-28T15:01:08.5-00:00", "0000-01-01T00:00:00Z",
			"+12026-11-28T15:01:08Z", "-2026-11-28T15:01:08Z", "２０２６-11-28T15:01:08Z", "2026-11-28T15:01:08+00",
			"2026-11-28T15:01:08+0000", "2026-11-28T15:01:08+00:00:00", "2026-11-28T15:01:08ZZ", "2026-11-28X15:01:08Z",
			"2026/11/28T15:01:08Z", "2026-1-28T15:01:08Z", "2026-11-28T15:01:08 Z", "2026-11-28 15:01:08.451326",
			"yesterday", "", "Z", "+00:00", "2026-11-28T15:01:08.-1Z", "2026-11-28T-5:01:08Z" })
	void readsEdgeCasesAndMistakesAsTheFormatterDoes(String text) {
		readsAsTheFormatterDoes(text);
	}

	private static void readsAsTheFormatterDoes(String text) {
		assertThat(outcome(() -> TimestampDeserializer.parse(text))).as(text)
			.isEqualTo(outcome(() -> TimestampDeserializer.parseWithFormatter(text)));
	}

	private static Object outcome(Supplier<Instant> parse) {
		try {
			return parse.get();
		}
		catch (DateTimeParseException ex) {
			return "refused";
		}
	}

}
