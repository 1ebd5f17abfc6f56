package io.userstream.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import io.userstream.launcher.KafkaCluster;
import io.userstream.model.Topics;
import io.userstream.model.User;
import io.userstream.model.UserJson;
import io.userstream.standin.RandomUserStandIn;
import io.userstream.test.BrokerProcess;
import io.userstream.test.ServiceProcess;
import io.userstream.test.TcpProxy;
import io.userstream.test.TestUsers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault suite: the four packaged jars as processes, a broker in a process of its own (so it can be
 * killed and restarted on its data) and a PostgreSQL this test owns (so it can be restarted), behind
 * a TCP proxy (so a connection can be cut mid-commit). Each drill runs a stream of users, injects one
 * fault, and counts what a user would check: rows stored, records on label_topic read_committed
 * against their distinct keys (a repeat is a doubled record even where the primary key hides it),
 * dead letters, and how long the pipeline took to finish after the fault. A table of every drill is
 * printed at the end (README, Reliability).
 * <p>
 * The producers' delivery timeout is cut from Kafka's 120 s to 30 s (request timeout 10 s), so that
 * the broker can stay away longer than it in a drill that fits CI's budget.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultDrillsIT {

	private static final Duration READY = Duration.ofMinutes(3);

	private static final Duration FLOW = Duration.ofMinutes(4);

	private static final Path HOME = Path.of("target", "fault-drills").toAbsolutePath();

	private static final List<String> RESULTS = new ArrayList<>();

	private static KafkaCluster broker;

	private static EmbeddedPostgres postgres;

	private static int postgresPort;

	private static TcpProxy database;

	private static RandomUserStandIn standIn;

	private static ServiceProcess ingest;

	private static ServiceProcess timestamp;

	private static ServiceProcess label;

	private static ServiceProcess persist;

	@BeforeAll
	static void startPipeline() throws IOException {
		FileSystemUtils.deleteRecursively(HOME);
		broker = BrokerProcess.start(HOME.resolve("kafka"));
		postgresPort = ServiceProcess.freePort();
		startPostgres();
		database = TcpProxy.to("localhost", postgresPort);
		standIn = RandomUserStandIn.start(0);
		persist = service("persist-service")
			.withDatabase("jdbc:postgresql://localhost:" + database.port() + "/postgres", "postgres", "")
			.with("spring.kafka.producer.properties.delivery.timeout.ms", "30000")
			.with("spring.kafka.producer.properties.request.timeout.ms", "10000")
			.start();
		label = streamStage("label-service").start();
		timestamp = streamStage("timestamp-service").start();
		ingest = service("ingest-service").with("randomuser.base-url", standIn.baseUrl())
			.with("randomuser.page-size", "1000")
			.with("ingest.schedule.enabled", "false")
			.start();
		Stream.of(persist, label, timestamp, ingest).forEach(service -> service.awaitReady(READY));
	}

	@AfterAll
	static void printTableAndStop() throws IOException {
		System.out.println("| drill | users | rows | doubled | dead-lettered | recovery |");
		System.out.println("|---|---:|---:|---:|---:|---:|");
		RESULTS.forEach(System.out::println);
		Stream.of(ingest, timestamp, label, persist).filter(Objects::nonNull).forEach(ServiceProcess::stop);
		if (standIn != null) {
			standIn.close();
		}
		if (database != null) {
			database.close();
		}
		if (postgres != null) {
			postgres.close();
		}
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	@Order(1)
	void timestampLabelAndPersistKilledInTurnMidRun() {
		for (ServiceProcess victim : List.of(timestamp, label, persist)) {
			drill("kill -9 " + victim.name(), 3000, Topics.deadLetterOf(Topics.USERS_INFO), () -> {
				victim.kill();
				victim.start().awaitReady(READY);
			}).expectExactlyOnce().expectDeadLetters(0);
		}
	}

	@Test
	@Order(2)
	void brokerKilledAndBackAfterLongerThanTheDeliveryTimeout() {
		drillAfterPublish("broker kill -9, back after 40 s", 10_000, Topics.deadLetterOf(Topics.LABEL_TOPIC), () -> {
			broker.kill(1);
			sleep(Duration.ofSeconds(40));
			broker.restart(1);
		}).expectExactlyOnce().expectDeadLetters(0);
		Stream.of(ingest, timestamp, label, persist).forEach(service -> service.awaitReady(READY));
	}

	@Test
	@Order(3)
	void postgresRestartedMidRun() {
		drill("PostgreSQL restarted", 3000, Topics.deadLetterOf(Topics.LABEL_TOPIC), () -> {
			closePostgres();
			sleep(Duration.ofSeconds(5));
			startPostgres();
		}).expectExactlyOnce().expectDeadLetters(0);
	}

	@Test
	@Order(4)
	void databaseConnectionCutMidCommit() {
		drill("database connection cut", 3000, Topics.deadLetterOf(Topics.LABEL_TOPIC), () -> {
			database.cut();
			sleep(Duration.ofSeconds(3));
			database.restore();
		}).expectExactlyOnce().expectDeadLetters(0);
	}

	@Test
	@Order(5)
	void ingestKilledMidRunThenTheSameRunRepeated() {
		String seed = "drill-" + UUID.randomUUID().toString().substring(0, 8);
		awaitQuiet();
		long before = rows();
		TopicTally tally = TopicTally.from(broker.bootstrapServers(), Topics.LABEL_TOPIC);
		CompletableFuture<?> run = CompletableFuture.runAsync(() -> ingest.post("/ingest/run", runOf(20_000, seed)));
		await().atMost(FLOW).pollInterval(Duration.ofMillis(50)).until(() -> rows() > before);
		ingest.kill();
		run.handle((result, failure) -> null).join();
		long start = System.nanoTime();
		ingest.start().awaitReady(READY);
		assertThat(ingest.post("/ingest/run", runOf(20_000, seed)).statusCode()).isEqualTo(200);

		await().atMost(FLOW).until(() -> rows() >= before + 20_000);
		sleep(Duration.ofSeconds(3));
		TopicTally.Count count = tally.count();
		record("kill -9 ingest, same run again", 20_000, rows() - before, count.doubled(), 0, start);
		assertThat(rows() - before).as("each user stored once").isEqualTo(20_000);
		assertThat(count.keys()).as("every user reached label_topic").isEqualTo(20_000);
	}

	@Test
	@Order(6)
	void anOversizedRecordIsDeadLetteredAndTheStageGoesOn() {
		User user = TestUsers.fetched(1);
		byte[] oversized = UserJson.write(new User(user.id(), user.firstName(), user.lastName(), user.gender(),
				"a".repeat(1_200_000), user.postCode(), user.email(), user.username(), user.dob(), user.registeredDate(),
				user.phone(), user.picture(), null, null));
		drill("an oversized record", 20_000, Topics.deadLetterOf(Topics.USERS_INFO),
				() -> produce(Topics.USERS_INFO, List.of(oversized)))
			.expectExactlyOnce()
			.expectDeadLetters(1);
	}

	@Test
	@Order(7)
	void tenThousandPoisonRecordsAmongGoodOnes() {
		List<byte[]> poison = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			poison.add(("{\"not\": \"a user\", \"n\": " + i + "}").getBytes(StandardCharsets.UTF_8));
		}
		drill("10,000 poison records", 3000, Topics.deadLetterOf(Topics.USERS_INFO), () -> produce(Topics.USERS_INFO, poison))
			.expectExactlyOnce()
			.expectDeadLetters(10_000);
	}

	@Test
	@Order(8)
	void aFloodOfRowsTheDatabaseRefuses() throws SQLException {
		awaitQuiet();
		sql("ALTER TABLE user_data ADD CONSTRAINT drill_refuses_every_row CHECK (labels IS NULL) NOT VALID");
		try {
			long before = rows();
			TopicTally deadLetters = TopicTally.from(broker.bootstrapServers(), Topics.deadLetterOf(Topics.LABEL_TOPIC));
			long start = System.nanoTime();
			assertThat(ingest.post("/ingest/run", runOf(3000, "drill-" + UUID.randomUUID())).statusCode()).isEqualTo(200);
			await().atMost(FLOW).until(() -> deadLetters.count().records() >= 3000);
			sleep(Duration.ofSeconds(3));
			TopicTally.Count refused = deadLetters.count();
			record("every row refused by the database", 3000, rows() - before, refused.doubled(), refused.records(), start);
			assertThat(rows()).as("rows").isEqualTo(before);
			assertThat(refused.records()).as("dead letters").isEqualTo(3000);
			assertThat(refused.doubled()).as("doubled dead letters").isZero();
		}
		finally {
			sql("ALTER TABLE user_data DROP CONSTRAINT drill_refuses_every_row");
		}
	}

	/** A run of {@code users} users; once the first rows are stored, {@code fault}; then every user, once. */
	private static Outcome drill(String name, int users, String deadLetterTopic, Runnable fault) {
		return drill(name, users, deadLetterTopic, false, fault);
	}

	/** The same, with the fault only after the broker has acknowledged the whole run (nothing left to publish again). */
	private static Outcome drillAfterPublish(String name, int users, String deadLetterTopic, Runnable fault) {
		return drill(name, users, deadLetterTopic, true, fault);
	}

	private static Outcome drill(String name, int users, String deadLetterTopic, boolean afterPublish, Runnable fault) {
		awaitQuiet();
		long before = rows();
		TopicTally labelTopic = TopicTally.from(broker.bootstrapServers(), Topics.LABEL_TOPIC);
		TopicTally deadLetters = TopicTally.from(broker.bootstrapServers(), deadLetterTopic);
		CompletableFuture<Integer> run = CompletableFuture
			.supplyAsync(() -> ingest.post("/ingest/run", runOf(users, "drill-" + UUID.randomUUID())).statusCode());
		if (afterPublish) {
			assertThat(run.join()).as(name + ": the run").isEqualTo(200);
		}
		await().atMost(FLOW).pollInterval(Duration.ofMillis(50)).until(() -> rows() > before);
		assertThat(rows()).as(name + ": the fault comes while users flow").isLessThan(before + users);
		fault.run();
		long start = System.nanoTime();
		assertThat(run.join()).as(name + ": the run").isEqualTo(200);
		await().atMost(FLOW).until(() -> rows() >= before + users);
		sleep(Duration.ofSeconds(3));
		TopicTally.Count count = labelTopic.count();
		Outcome outcome = new Outcome(name, users, rows() - before, count, deadLetters.count().records());
		record(name, users, outcome.rows(), count.doubled(), outcome.deadLettered(), start);
		return outcome;
	}

	private record Outcome(String name, int users, long rows, TopicTally.Count labelTopic, long deadLettered) {

		Outcome expectExactlyOnce() {
			assertThat(this.rows).as(this.name + ": rows").isEqualTo(this.users);
			assertThat(this.labelTopic.keys()).as(this.name + ": users on label_topic").isEqualTo(this.users);
			assertThat(this.labelTopic.doubled()).as(this.name + ": doubled on label_topic").isZero();
			return this;
		}

		Outcome expectDeadLetters(long expected) {
			assertThat(this.deadLettered).as(this.name + ": dead letters").isEqualTo(expected);
			return this;
		}

	}

	/** No rows arriving for three seconds: what an earlier drill sent has all landed. */
	private static void awaitQuiet() {
		long[] last = { -2 };
		await().atMost(FLOW).pollInterval(Duration.ofSeconds(3)).until(() -> {
			long now = rows();
			boolean quiet = now == last[0];
			last[0] = now;
			return quiet;
		});
	}

	private static void record(String name, int users, long rows, long doubled, long deadLettered, long faultEnded) {
		RESULTS.add(String.format("| %s | %,d | %,d | %,d | %,d | %.1f s |", name, users, rows, doubled, deadLettered,
				(System.nanoTime() - faultEnded) / 1e9));
	}

	private static ServiceProcess service(String module) {
		return ServiceProcess.ofModule(module).with("spring.kafka.bootstrap-servers", broker.bootstrapServers());
	}

	private static ServiceProcess streamStage(String module) {
		return service(module).with("spring.kafka.streams.state-dir", HOME.resolve("state-" + module).toString())
			.with("spring.kafka.streams.properties.producer.delivery.timeout.ms", "30000")
			.with("spring.kafka.streams.properties.producer.request.timeout.ms", "10000");
	}

	private static String runOf(int users, String seed) {
		return JsonMapper.builder().build().writeValueAsString(Map.of("count", users, "seed", seed));
	}

	private static void produce(String topic, List<byte[]> values) {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
				ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
				ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip", ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024),
				new StringSerializer(), new ByteArraySerializer())) {
			values.forEach(value -> producer.send(new ProducerRecord<>(topic, value)));
		}
	}

	private static long rows() {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT count(*) FROM user_data")) {
			result.next();
			return result.getLong(1);
		}
		catch (SQLException ex) {
			return "42P01".equals(ex.getSQLState()) ? 0 : -1;
		}
	}

	private static void sql(String sql) throws SQLException {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static void startPostgres() {
		try {
			postgres = EmbeddedPostgres.builder()
				.setDataDirectory(HOME.resolve("postgres"))
				.setCleanDataDirectory(false)
				.setPort(postgresPort)
				.setPGStartupWait(Duration.ofMinutes(1))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start PostgreSQL", ex);
		}
	}

	private static void closePostgres() {
		try {
			postgres.close();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not stop PostgreSQL", ex);
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
