package io.userstream.persist.pipeline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What {@code user_data} says, through the read API's pool: rows, end-to-end latency (publish to row)
 * over the recent window, labels and genders, the newest users.
 */
@Component
class TableFigures {

	private final JdbcTemplate jdbc;

	private final PipelinePageProperties properties;

	TableFigures(@Qualifier("readApi") DataSource readApi, PipelinePageProperties properties) {
		this.jdbc = new JdbcTemplate(readApi);
		this.properties = properties;
	}

	View read() {
		long rows = this.jdbc.queryForObject("select count(*) from user_data", Long.class);
		long window = this.properties.latencyWindow().toSeconds();
		Latency latency = this.jdbc.queryForObject("""
				with recent as (
				    select extract(epoch from stored_at - published_at) * 1000 as millis from user_data
				    where stored_at > now() - make_interval(secs => ?) and published_at is not null)
				select count(*), percentile_cont(0.5) within group (order by millis),
				       percentile_cont(0.95) within group (order by millis),
				       percentile_cont(0.99) within group (order by millis)
				from recent""",
				(result, row) -> new Latency(window, result.getLong(1), nullable(result, 2), nullable(result, 3),
						nullable(result, 4)),
				window);
		List<NewUser> newest = this.jdbc.query("""
				select id, first_name, last_name, gender, labels, published_at, stored_at from user_data
				order by stored_at desc nulls last limit ?""",
				(result, row) -> new NewUser(result.getObject(1, UUID.class), result.getString(2), result.getString(3),
						result.getString(4), result.getString(5), instant(result, 6), instant(result, 7)),
				this.properties.newestUsers());
		return new View(rows, latency, counts("labels"), counts("gender"), newest);
	}

	private Map<String, Long> counts(String column) {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.jdbc.query("select " + column + ", count(*) from user_data group by 1 order by 2 desc",
				(ResultSet result) -> {
					counts.put(String.valueOf(result.getString(1)), result.getLong(2));
				});
		return counts;
	}

	private static Double nullable(ResultSet result, int column) throws SQLException {
		double value = result.getDouble(column);
		return result.wasNull() ? null : value;
	}

	private static Instant instant(ResultSet result, int column) throws SQLException {
		OffsetDateTime time = result.getObject(column, OffsetDateTime.class);
		return (time != null) ? time.toInstant() : null;
	}

	record View(long rows, Latency latency, Map<String, Long> labels, Map<String, Long> genders, List<NewUser> newest) {
	}

	/** Percentiles, in milliseconds, of the users stored within the window; null when there were none. */
	record Latency(long windowSeconds, long users, Double p50Millis, Double p95Millis, Double p99Millis) {
	}

	record NewUser(UUID id, String firstName, String lastName, String gender, String labels, Instant publishedAt,
			Instant storedAt) {
	}

}
