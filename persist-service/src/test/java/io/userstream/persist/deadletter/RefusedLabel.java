package io.userstream.persist.deadletter;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import io.userstream.model.User;
import io.userstream.persist.Users;
import io.userstream.test.TestDatabase;

/** What an operator does to {@code user_data}: a CHECK constraint, added as the owner, that refuses one label. */
final class RefusedLabel {

	private final String label = "Refused-" + UUID.randomUUID().toString().substring(0, 8);

	private final String constraint = TestDatabase.uniqueName("refuse_label");

	void refuse() throws SQLException {
		owner("alter table user_data add constraint " + this.constraint + " check (labels <> '" + this.label + "')");
	}

	void accept() throws SQLException {
		owner("alter table user_data drop constraint " + this.constraint);
	}

	String label() {
		return this.label;
	}

	/** Labeled users carrying the refused label. */
	List<User> users(int from, int count) {
		return Users.labeled(from, count).stream().map(user -> Users.withLabels(user, this.label)).toList();
	}

	private static void owner(String sql) throws SQLException {
		try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
