package io.userstream.persist.sink;

import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The widths of {@code user_data}'s character columns, read from the table once it is migrated, so
 * that the migrations stay the one place that states them and a row is checked against the table it
 * will be written to.
 */
@Component
@DependsOnDatabaseInitialization
class UserDataColumns {

	private final Map<String, Integer> widths;

	UserDataColumns(JdbcTemplate jdbc) {
		this.widths = jdbc.queryForList("""
				select column_name, character_maximum_length from information_schema.columns
				where table_schema = current_schema() and table_name = 'user_data'
				  and data_type in ('character varying', 'text')""")
			.stream()
			.collect(Collectors.toUnmodifiableMap(column -> (String) column.get("column_name"),
					column -> column.get("character_maximum_length") instanceof Number width ? width.intValue()
							: Integer.MAX_VALUE));
	}

	/** How many characters the column holds; {@link Integer#MAX_VALUE} for {@code text}. */
	int width(String column) {
		Integer width = this.widths.get(column);
		if (width == null) {
			throw new IllegalArgumentException("user_data has no character column " + column);
		}
		return width;
	}

}
