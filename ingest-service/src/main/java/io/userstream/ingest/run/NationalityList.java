package io.userstream.ingest.run;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A comma-separated list of distinct nationalities that randomuser.me's API 1.4 knows, in any case
 * and with spaces around the entries ({@code "US, gb"}). Checked entry by entry: a list of any length
 * is judged in time proportional to it, and one longer than {@link #KNOWN} necessarily repeats or
 * misspells one.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = NationalityList.Validator.class)
@interface NationalityList {

	/** The nationalities of randomuser.me's API 1.4. */
	String KNOWN = "AU, BR, CA, CH, DE, DK, ES, FI, FR, GB, IE, IN, IR, MX, NL, NO, NZ, RS, TR, UA, US";

	String message() default "must be a comma-separated list of distinct nationalities among " + KNOWN;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<NationalityList, String> {

		private static final Set<String> known = Set.of(KNOWN.split(", "));

		@Override
		public boolean isValid(String list, ConstraintValidatorContext context) {
			if (list == null) {
				return true;
			}
			Set<String> listed = new HashSet<>();
			for (String entry : entries(list)) {
				String nationality = entry.toUpperCase(Locale.ROOT);
				if (!known.contains(nationality) || !listed.add(nationality)) {
					return false;
				}
			}
			return true;
		}

		/** The list's entries without the spaces around them; a trailing comma leaves an empty one. */
		static List<String> entries(String list) {
			return Arrays.stream(list.split(",", -1)).map(String::strip).toList();
		}

	}

}
