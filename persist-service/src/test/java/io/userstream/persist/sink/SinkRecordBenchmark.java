package io.userstream.persist.sink;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.userstream.kafka.RecordTracing;
import io.userstream.model.Stage;
import io.userstream.model.Topics;
import io.userstream.model.User;
import io.userstream.model.UserJson;
import io.userstream.persist.Users;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The sink's work per record before the database, in nanoseconds: what {@link UserSink#store} does
 * for each record of a batch (parse, check, fit to the columns, in the record's trace), then each
 * part, and the text each column of the row is bound as. Run with the root POM's jmh profile.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SinkRecordBenchmark {

	/** Users that come round again only after this many records. */
	static final int USERS = 1024;

	/** UserTable's private conversion of a value to the text a column travels as. */
	private static final MethodHandle COLUMN_TEXT = columnText();

	private final RecordTracing tracing = RecordTracing.NONE;

	private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(USERS);

	private final User[] users = new User[USERS];

	private final UserRow[] rows = new UserRow[USERS];

	private UserDataColumns columns;

	private int next;

	@Setup
	public void setUp() {
		this.columns = new UserDataColumns(new MigratedWidths());
		for (int i = 0; i < USERS; i++) {
			User user = Users.labeled(i);
			RecordHeaders headers = new RecordHeaders();
			headers.add("traceparent", ("00-" + user.id().toString().replace("-", "") + "-00f067aa0ba902b7-01")
				.getBytes(StandardCharsets.UTF_8));
			byte[] value = UserJson.write(user);
			this.records.add(new ConsumerRecord<>(Topics.LABEL_TOPIC, 0, i, System.currentTimeMillis(),
					TimestampType.CREATE_TIME, 36, value.length, user.id().toString(), value, headers, Optional.empty()));
			this.users[i] = UserJson.read(value, Stage.LABELED);
			this.rows[i] = UserRow.of(this.users[i], Instant.ofEpochMilli(this.records.get(i).timestamp()), this.columns);
		}
	}

	/** The body of store's loop over a batch, as it is for a valid record. */
	@Benchmark
	public UserRow store() {
		ConsumerRecord<String, byte[]> record = this.records.get(next());
		try (var trace = this.tracing.inScopeOf(record.headers())) {
			return UserRow.of(UserJson.read(record.value(), Stage.LABELED), Instant.ofEpochMilli(record.timestamp()),
					this.columns);
		}
	}

	@Benchmark
	public User read() {
		return UserJson.read(this.records.get(next()).value(), Stage.LABELED);
	}

	@Benchmark
	public UserRow toRow() {
		int i = next();
		return UserRow.of(this.users[i], Instant.ofEpochMilli(this.records.get(i).timestamp()), this.columns);
	}

	/** One row's share of UserTable.bind, short of the driver's createArrayOf: each column as its text. */
	@Benchmark
	public void bindTexts(Blackhole blackhole) throws Throwable {
		UserRow row = this.rows[next()];
		for (Function<UserRow, ?> column : UserTable.COLUMNS) {
			blackhole.consume((String) COLUMN_TEXT.invokeExact((Object) column.apply(row)));
		}
	}

	private int next() {
		return this.next = (this.next + 1) % USERS;
	}

	private static MethodHandle columnText() {
		try {
			return MethodHandles.privateLookupIn(UserTable.class, MethodHandles.lookup())
				.findStatic(UserTable.class, "text", MethodType.methodType(String.class, Object.class));
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The answer UserDataColumns gets from a migrated user_data, without a database. */
	static class MigratedWidths extends JdbcTemplate {

		@Override
		public List<Map<String, Object>> queryForList(String sql) {
			Map<String, Integer> widths = new HashMap<>();
			widths.put("first_name", 255);
			widths.put("last_name", 255);
			widths.put("gender", 10);
			widths.put("address", null);
			widths.put("post_code", 20);
			widths.put("email", 255);
			widths.put("username", 255);
			widths.put("phone", 20);
			widths.put("picture", 255);
			widths.put("labels", 50);
			return widths.entrySet().stream().map(width -> {
				Map<String, Object> column = new HashMap<>();
				column.put("column_name", width.getKey());
				column.put("character_maximum_length", width.getValue());
				return column;
			}).toList();
		}

	}

}
