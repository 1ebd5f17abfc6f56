package io.userstream.standin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import net.datafaker.Faker;

/**
 * The nationalities randomuser.me 1.4 knows, with what differs between them: the Datafaker locale
 * the names come from, phone and postcode patterns ({@code #} a digit, {@code ?} a capital letter),
 * whether the postcode is a JSON number or a string, and the national id's name ({@code ""} where
 * randomuser.me sends {@code "value": null}).
 */
enum Nationality {

	AU("en-AU", "Australia", "0#-####-####", "####", true, "TFN"),
	BR("pt-BR", "Brazil", "(##) ####-####", "#####", true, "CPF"),
	CA("en-CA", "Canada", "?##-?##-####", "?#? #?#", false, "SIN"),
	CH("de-CH", "Switzerland", "07# ### ## ##", "####", true, "AVS"),
	DE("de", "Germany", "0###-#######", "#####", true, "SVNR"),
	DK("da-DK", "Denmark", "########", "####", true, "CPR"),
	ES("es", "Spain", "9##-###-###", "#####", true, "DNI"),
	FI("fi-FI", "Finland", "0#-###-###", "#####", true, "HETU"),
	FR("fr", "France", "0#-##-##-##-##", "#####", true, "INSEE"),
	GB("en-GB", "United Kingdom", "0#### ######", "?#? #??", false, "NINO"),
	IE("en-IE", "Ireland", "0##-###-####", "#####", true, "PPS"),
	IN("en-IN", "India", "#########", "######", true, "UIDAI"),
	IR("fa", "Iran", "0##-########", "#####", true, ""),
	MX("es-MX", "Mexico", "(6##) ### ####", "#####", true, "NSS"),
	NL("nl", "Netherlands", "(0###) ######", "#### ??", false, "BSN"),
	NO("nb-NO", "Norway", "########", "####", false, "FN"),
	NZ("en-NZ", "New Zealand", "(###)-###-####", "####", true, ""),
	RS("hr", "Serbia", "0##-####-###", "#####", true, "SID"),
	TR("tr", "Turkey", "(###)-###-####", "#####", true, ""),
	UA("uk", "Ukraine", "(0##) ?##-####", "#####", true, ""),
	US("en-US", "United States", "(###) ###-####", "#####", true, "SSN");

	/** Always in the pools, so every large page carries the quirks real pages have. */
	private static final List<String> QUIRKY_LAST_NAMES = List.of("O'Connor", "D'Angelo", "Sørensen", "Poçan");

	private static final List<String> QUIRKY_STREETS = List.of("O'Connell Street", "Rue de l'Église");

	final String country;

	final String phonePattern;

	final String postcodePattern;

	final boolean numericPostcode;

	final String idName;

	private final Locale locale;

	private volatile Pools pools;

	Nationality(String locale, String country, String phonePattern, String postcodePattern, boolean numericPostcode,
			String idName) {
		this.locale = Locale.forLanguageTag(locale);
		this.country = country;
		this.phonePattern = phonePattern;
		this.postcodePattern = postcodePattern;
		this.numericPostcode = numericPostcode;
		this.idName = idName;
	}

	static Optional<Nationality> of(String code) {
		return Arrays.stream(values()).filter(nat -> nat.name().equalsIgnoreCase(code.trim())).findFirst();
	}

	/**
	 * Names and places drawn once from Datafaker with a fixed seed: calling Datafaker per user would
	 * make a 5000-user page take seconds, and a fixed seed keeps every page reproducible.
	 */
	Pools pools() {
		if (this.pools == null) {
			synchronized (this) {
				if (this.pools == null) {
					this.pools = new Pools(new Faker(this.locale, new Random(ordinal())));
				}
			}
		}
		return this.pools;
	}

	final class Pools {

		final List<String> maleFirstNames;

		final List<String> femaleFirstNames;

		final List<String> lastNames;

		final List<String> streets;

		final List<String> cities;

		final List<String> states;

		private Pools(Faker faker) {
			this.maleFirstNames = draw(150, () -> faker.name().maleFirstName(), List.of());
			this.femaleFirstNames = draw(150, () -> faker.name().femaleFirstName(), List.of());
			this.lastNames = draw(250, () -> faker.name().lastName(), QUIRKY_LAST_NAMES);
			this.streets = draw(150, () -> faker.address().streetName(), QUIRKY_STREETS);
			this.cities = draw(120, () -> faker.address().cityName(), List.of());
			this.states = draw(40, () -> faker.address().state(), List.of());
		}

		private static List<String> draw(int count, Supplier<String> source, List<String> always) {
			Set<String> values = new LinkedHashSet<>();
			for (int i = 0; i < count; i++) {
				values.add(source.get());
			}
			values.addAll(always);
			return new ArrayList<>(values);
		}

	}

}
