package io.userstream.persist.sink;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.userstream.model.User;
import io.userstream.persist.Users;
import io.userstream.test.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Rows per second through {@link UserTable} in batches of 2000 (the sink's max-poll-records): all
 * accepted, one refused per batch, and a flood the database refuses entirely (an operator's CHECK
 * constraint), printed, never asserted. Not part of the build (the name matches no test pattern); run with
 * {@code ./mvnw -pl persist-service -am test -Dtest=RefusedRowsBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@SpringBootTest(properties = "spring.kafka.listener.auto-startup=false")
class RefusedRowsBenchmark {

	static final int BATCH = 2000;

	static final int BATCHES = 10;

	static final int ROUNDS = 3;

	static final String REFUSED_LABEL = "Refused";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", TestDatabase::createAnother);
	}

	@Autowired
	UserTable table;

	@Autowired
	UserDataColumns columns;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void refusedRows() throws Exception {
		this.jdbc.execute("ALTER TABLE user_data ADD CONSTRAINT benchmark_refusal CHECK (labels <> '" + REFUSED_LABEL + "')");
		for (int round = 0; round < ROUNDS; round++) {
			System.out.printf("round %d  accepted %8.0f rows/s   one refused per batch %8.0f rows/s   all refused %8.0f rows/s%n",
					round, rate(0), rate(1), rate(BATCH));
		}
	}

	/** Rows per second for batches in which the first {@code refused} rows are refused. */
	private double rate(int refused) throws Exception {
		this.jdbc.execute("TRUNCATE user_data");
		List<List<UserRow>> batches = new ArrayList<>();
		for (int b = 0; b < BATCHES; b++) {
			List<UserRow> batch = new ArrayList<>();
			for (int n = 0; n < BATCH; n++) {
				User user = Users.labeled(b * BATCH + n);
				batch.add(UserRow.of(n < refused ? Users.withLabels(user, REFUSED_LABEL) : user, Instant.now(), this.columns));
			}
			batches.add(batch);
		}
		long start = System.nanoTime();
		for (List<UserRow> batch : batches) {
			UserTable.Written written = this.table.write(batch);
			if (written.refused().size() != refused || written.inserted().size() != BATCH - refused) {
				throw new IllegalStateException("refused " + written.refused().size() + ", expected " + refused);
			}
		}
		return BATCHES * BATCH / ((System.nanoTime() - start) / 1e9);
	}

}
