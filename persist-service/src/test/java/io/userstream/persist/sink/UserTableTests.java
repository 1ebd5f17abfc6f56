package io.userstream.persist.sink;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.userstream.model.User;
import io.userstream.persist.Users;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The write path on its own, against real PostgreSQL. */
@SpringBootTest(properties = "spring.kafka.listener.auto-startup=false")
class UserTableTests {

	@Autowired
	UserTable table;

	@Autowired
	UserDataColumns columns;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aRewrittenBatchInsertsNothing() throws Exception {
		List<UserRow> rows = Users.labeled(0, 300).stream().map(user -> UserRow.of(user, this.columns)).toList();

		assertThat(this.table.write(rows).inserted()).hasSize(300);
		UserTable.Written again = this.table.write(rows);

		assertThat(again.inserted()).isEmpty();
		assertThat(again.refused()).isEmpty();
	}

	@Test
	void aRowTheDatabaseRefusesIsSplitOffAndTheRestIsCommitted() throws Exception {
		List<UserRow> rows = new ArrayList<>(Users.labeled(0, 100).stream().map(user -> UserRow.of(user, this.columns)).toList());
		User user = Users.labeled(1000);
		// passes validation, but PostgreSQL's timestamptz ends in the year 294276: SQLState 22008
		UserRow outOfRange = new UserRow(user.id(), user.firstName(), user.lastName(), user.gender(), user.address(),
				user.postCode(), user.email(), user.username(), null, Instant.parse("+300000-01-01T00:00:00Z"),
				user.phone(), user.picture(), user.timestamp(), user.labels());
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

}
