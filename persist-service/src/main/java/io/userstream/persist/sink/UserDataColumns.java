package io.userstream.persist.sink;

import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * The widths of {@code user_data}'s character columns, read from the table once it is migrated, so
 * that the migrations stay the one place that states them and a row is checked against the table it
 * will be written to. Read at the first row, not at start-up, so that the context also starts without a
 * database: the image's class data sharing training run (see the Dockerfile) does.
 */
@Component
class UserDataColumns {

	private final Supplier<Map<String, Integer>> widths;

	UserDataColumns(JdbcTemplate jdbc) {
		this.widths = SingletonSupplier.of(() -> jdbc.queryForList("""
				select column_name, character_maximum_length from information_schema.columns
				where table_schema = current_schema() and table_name = 'user_data'
				  and data_type in ('character varying', 'text')""")
			.stream()
			.collect(Collectors.toUnmodifiableMap(column -> (String) column.get("column_name"),
					column -> column.get("character_maximum_length") instanceof Number width ? width.intValue()
							: Integer.MAX_VALUE)));
	}

	/** How many characters the column holds; {@link Integer#MAX_VALUE} for {@code text}. */
	int width(String column) {
		Integer width = this.widths.get().get(column);
		if (width == null) {
			throw new IllegalArgumentException("user_data has no character column " + column);
		}
		return width;
	}

}
