package io.userstream.persist.sink;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import io.userstream.model.User;
import io.userstream.persist.Users;
import io.userstream.test.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The write path on its own, against real PostgreSQL. */
@SpringBootTest(properties = "spring.kafka.listener.auto-startup=false")
class UserTableTests {

	/** A label an operator's CHECK constraint refuses (SQLState 23514); no other test uses it. */
	static final String REFUSED = "RefusedByOperator";

	@Autowired
	UserTable table;

	@Autowired
	UserDataColumns columns;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aRewrittenBatchInsertsNothing() throws Exception {
		List<UserRow> rows = Users.labeled(0, 300).stream().map(user -> UserRow.of(user, Instant.now(), this.columns)).toList();

		assertThat(this.table.write(rows).inserted()).hasSize(300);
		UserTable.Written again = this.table.write(rows);

		assertThat(again.inserted()).isEmpty();
		assertThat(again.refused()).isEmpty();
	}

	@Test
	void aRowTheDatabaseRefusesIsSplitOffAndTheRestIsCommitted() throws Exception {
		List<UserRow> rows = new ArrayList<>(Users.labeled(0, 100).stream().map(user -> UserRow.of(user, Instant.now(), this.columns)).toList());
		User user = Users.labeled(1000);
		// passes validation, but PostgreSQL's timestamptz ends in the year 294276: SQLState 22008
		UserRow outOfRange = new UserRow(user.id(), user.firstName(), user.lastName(), user.gender(), user.address(),
				user.postCode(), user.email(), user.username(), null, Instant.parse("+300000-01-01T00:00:00Z"),
				user.phone(), user.picture(), user.timestamp(), user.labels(), Instant.now());
		rows.add(37, outOfRange);

		UserTable.Written written = this.table.write(rows);

		assertThat(written.inserted()).hasSize(100).doesNotContain(outOfRange.id());
		assertThat(written.refused()).singleElement().satisfies(refused -> {
			assertThat(refused.row()).isSameAs(outOfRange);
			assertThat(refused.sqlState()).startsWith("22");
		});
		UUID[] ids = rows.stream().map(UserRow::id).toArray(UUID[]::new);
		assertThat(this.jdbc.queryForObject("select count(*) from user_data where id = any(?)", Long.class, (Object) ids))
			.isEqualTo(100);
	}

	@Test
	void exactlyTheRowsAConstraintRefusesAreReportedAndEveryOtherRowIsStoredOnce() throws Exception {
		refuseLabel(REFUSED);
		Set<Integer> refusedAt = Set.of(0, 1, 2, 500, 999, 1000, 1001, 1733, 1998, 1999);
		List<UserRow> rows = IntStream.range(0, 2000)
			.mapToObj(n -> refusedAt.contains(n) ? Users.withLabels(Users.labeled(n), REFUSED) : Users.labeled(n))
			.map(user -> UserRow.of(user, Instant.now(), this.columns))
			.toList();
		this.table.write(rows.subList(100, 200));

		UserTable.Written written = this.table.write(rows);

		List<UserRow> refused = refusedAt.stream().map(rows::get).toList();
		assertThat(written.refused()).extracting(UserTable.Refused::row, UserTable.Refused::sqlState)
			.containsExactlyInAnyOrderElementsOf(refused.stream().map(row -> tuple(row, "23514")).toList());
		assertThat(written.inserted()).hasSize(2000 - refusedAt.size() - 100)
			.doesNotContainAnyElementsOf(refused.stream().map(UserRow::id).toList())
			.doesNotContainAnyElementsOf(rows.subList(100, 200).stream().map(UserRow::id).toList());
		UUID[] ids = rows.stream().map(UserRow::id).toArray(UUID[]::new);
		assertThat(this.jdbc.queryForObject("select count(*) from user_data where id = any(?)", Long.class, (Object) ids))
			.isEqualTo(2000 - refusedAt.size());
	}

	@Test
	void aBatchTheDatabaseRefusesEntirelyIsReportedRowByRow() throws Exception {
		refuseLabel(REFUSED);
		List<UserRow> rows = Users.labeled(0, 500)
			.stream()
			.map(user -> UserRow.of(Users.withLabels(user, REFUSED), Instant.now(), this.columns))
			.toList();

		UserTable.Written written = this.table.write(rows);

		assertThat(written.inserted()).isEmpty();
		assertThat(written.refused()).extracting(UserTable.Refused::row).containsExactlyElementsOf(rows);
		assertThat(written.refused()).allSatisfy(refused -> assertThat(refused.sqlState()).isEqualTo("23514"));
	}

	/** As the owner, as an operator would: the service's runtime role may not alter the table. */
	private void refuseLabel(String label) throws SQLException {
		try (Connection owner = TestDatabase.connect(); Statement statement = owner.createStatement()) {
			statement.execute("""
					ALTER TABLE user_data DROP CONSTRAINT IF EXISTS operator_refusal;
					ALTER TABLE user_data ADD CONSTRAINT operator_refusal CHECK (labels <> '%s')""".formatted(label));
		}
	}

}
