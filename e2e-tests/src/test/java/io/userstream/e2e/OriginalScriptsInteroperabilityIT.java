package io.userstream.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.userstream.model.Topics;
import io.userstream.standin.RandomUserStandIn;
import io.userstream.test.ServiceProcess;
import io.userstream.test.TestDatabase;
import io.userstream.test.TestKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The original scripts' client, kafka-python 2.0.2 with only its own requirements (no lz4, zstd or
 * snappy library), against the packaged services, in both directions: it reads every topic the
 * pipeline writes, dead-letter topics included, as the original consumed, and what it writes in the
 * original's form passes through every stage.
 * <p>
 * The stream stages run at least once: under exactly-once every transaction ends in a commit marker,
 * which kafka-python 2.0.2 hands to {@code json.loads} as if it were a message (dpkp/kafka-python#1853).
 */
class OriginalScriptsInteroperabilityIT {

	private static final String PYTHON = "/usr/bin/python3";

	private static final String KAFKA_PYTHON = "2.0.2";

	private static final Set<String> LABELS = Set.of("Good", "Bad", "Excellent", "Awful", "Normal");

	/** What the original ingest script put into each user; the later stages add timestamp, then labels. */
	private static final List<String> USER_FIELDS = List.of("id", "first_name", "last_name", "gender", "address",
			"post_code", "email", "username", "dob", "registered_date", "phone", "picture");

	private static final String POISON = "{\"id\": \"not-a-uuid\"}";

	private static final int USERS = 200;

	private static final Duration READY = Duration.ofMinutes(5);

	private static final Duration FLOW = Duration.ofMinutes(3);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String USERS_INFO = TestKafka.uniqueTopic(Topics.USERS_INFO);

	private static final String TIMESTAMP_TOPIC = TestKafka.uniqueTopic(Topics.TIMESTAMP_TOPIC);

	private static final String LABEL_TOPIC = TestKafka.uniqueTopic(Topics.LABEL_TOPIC);

	private static RandomUserStandIn standIn;

	private static ServiceProcess ingest;

	private static List<ServiceProcess> services = List.of();

	@BeforeAll
	static void startPipeline() throws Exception {
		assumeThat(Path.of(PYTHON)).as("no %s", PYTHON).isExecutable();
		Completed python = run(List.of(PYTHON, "-c", "import kafka, kafka.codec as c; print(kafka.__version__, "
				+ "*[n for n, has in (('lz4', c.has_lz4), ('zstd', c.has_zstd), ('snappy', c.has_snappy)) if has()])"));
		assumeThat(python.exit() == 0 ? python.out().trim() : python.err())
			.as("kafka-python %s without compression libraries in %s (apt-get install python3-kafka)", KAFKA_PYTHON,
					PYTHON)
			.isEqualTo(KAFKA_PYTHON);
		standIn = RandomUserStandIn.start(0);
		ingest = service("ingest-service").with("randomuser.base-url", standIn.baseUrl())
			.with("ingest.schedule.enabled", "false");
		services = List.of(service("persist-service").withDatabase(), streamStage("label-service"),
				streamStage("timestamp-service"), ingest);
		services.forEach(ServiceProcess::start);
		services.forEach(service -> service.awaitReady(READY));
	}

	@AfterAll
	static void stopPipeline() throws Exception {
		for (int last = services.size() - 1; last >= 0; last--) {
			services.get(last).stop();
		}
		if (standIn != null) {
			standIn.close();
		}
	}

	@Test
	void kafkaPythonReadsEveryRecordOnEveryTopicWeWriteAsTheOriginalDid() throws Exception {
		var run = ingest.post("/ingest/run", "{\"count\": " + USERS + ", \"seed\": \"interop\"}");
		assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
		try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
			for (String topic : List.of(USERS_INFO, TIMESTAMP_TOPIC, LABEL_TOPIC)) {
				producer.send(new ProducerRecord<>(topic, POISON.getBytes(StandardCharsets.UTF_8))).get();
			}
		}

		// At least: the other test's users may be on the topics too.
		Map<String, Integer> atLeast = new LinkedHashMap<>();
		Stream.of(USERS_INFO, TIMESTAMP_TOPIC, LABEL_TOPIC).forEach(topic -> atLeast.put(topic, USERS + 1));
		Stream.of(USERS_INFO, TIMESTAMP_TOPIC, LABEL_TOPIC).forEach(topic -> atLeast.put(Topics.deadLetterOf(topic), 1));
		for (var topic : atLeast.entrySet()) {
			List<JsonNode> written = TestKafka
				.readCommitted(List.of(topic.getKey()), topic.getValue(), FLOW, Duration.ofSeconds(2))
				.stream()
				.map(record -> JSON.readTree(record.value()))
				.toList();
			assertThat(written).as(topic.getKey()).hasSizeGreaterThanOrEqualTo(topic.getValue());

			List<JsonNode> read = consumeLikeTheOriginal(topic.getKey(), written.size());

			assertThat(read).as("%s as kafka-python reads it", topic.getKey()).containsExactlyInAnyOrderElementsOf(written);
			if (topic.getKey().endsWith(Topics.DEAD_LETTER_SUFFIX)) {
				assertThat(read).as(topic.getKey()).contains(JSON.readTree(POISON));
			}
			else {
				assertUsersAsTheOriginalFindsThem(topic.getKey(), read);
			}
		}
	}

	@Test
	void usersKafkaPythonWritesInTheOriginalsFormAreEnrichedAndStored() throws Exception {
		List<JsonNode> sent = run(List.of(PYTHON, script("produce.py"), TestKafka.bootstrapServers(), USERS_INFO,
				TIMESTAMP_TOPIC, "20"))
			.output()
			.lines()
			.map(JSON::readTree)
			.toList();

		await().atMost(FLOW).until(() -> stored(sent).size() == sent.size());
		Map<String, StoredUser> stored = stored(sent);
		for (JsonNode user : sent) {
			StoredUser row = stored.get(user.path("id").asString());
			assertThat(row.postCode()).as("post_code").isEqualTo(user.path("post_code").asString());
			assertThat(row.labels()).as("labels").isIn(LABELS);
			assertThat(row.timestamp()).as("timestamp").isNotNull();
			if (user.has("timestamp")) {
				assertThat(row.timestamp()).as("the original's str(datetime.utcnow()), kept as UTC")
					.isEqualTo(LocalDateTime.parse(user.path("timestamp").asString().replace(' ', 'T'))
						.atOffset(ZoneOffset.UTC));
			}
		}
	}

	private static void assertUsersAsTheOriginalFindsThem(String topic, List<JsonNode> read) {
		List<JsonNode> users = read.stream().filter(value -> !value.equals(JSON.readTree(POISON))).toList();
		assertThat(users).as(topic).hasSizeGreaterThanOrEqualTo(USERS);
		List<String> fields = new ArrayList<>(USER_FIELDS);
		if (!topic.equals(USERS_INFO)) {
			fields.add("timestamp");
		}
		if (topic.equals(LABEL_TOPIC)) {
			fields.add("labels");
		}
		for (JsonNode user : users) {
			for (String field : fields) {
				JsonNode value = user.path(field);
				assertThat(value.isString() || field.equals("post_code") && value.isNumber())
					.as("%s in %s: %s", field, topic, user)
					.isTrue();
			}
			UUID.fromString(user.path("id").asString());
			if (topic.equals(LABEL_TOPIC)) {
				assertThat(user.path("labels").asString()).isIn(LABELS);
			}
		}
	}

	private static List<JsonNode> consumeLikeTheOriginal(String topic, int expected) throws Exception {
		return run(List.of(PYTHON, script("consume.py"), TestKafka.bootstrapServers(), topic, "original-" + topic,
				String.valueOf(expected)))
			.output()
			.lines()
			.map(JSON::readTree)
			.toList();
	}

	private record StoredUser(String postCode, String labels, OffsetDateTime timestamp) {
	}

	private static Map<String, StoredUser> stored(List<JsonNode> users) throws SQLException {
		try (Connection connection = TestDatabase.connect();
				PreparedStatement statement = connection.prepareStatement(
						"SELECT id::text, post_code, labels, timestamp FROM user_data WHERE id = ANY (?::uuid[])")) {
			statement.setArray(1, connection.createArrayOf("text",
					users.stream().map(user -> user.path("id").asString()).toArray()));
			Map<String, StoredUser> stored = new HashMap<>();
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					stored.put(result.getString(1), new StoredUser(result.getString(2), result.getString(3),
							result.getObject(4, OffsetDateTime.class)));
				}
			}
			return stored;
		}
		catch (SQLException ex) {
			if ("42P01".equals(ex.getSQLState())) {
				return Map.of();
			}
			throw ex;
		}
	}

	private record Completed(List<String> command, int exit, String out, String err) {

		/** The standard output; fails with the standard error unless the command exited 0. */
		String output() {
			assertThat(this.exit).as("%s\n%s", String.join(" ", this.command), this.err).isZero();
			return this.out;
		}

	}

	/** A command run to its end, or killed after two minutes. */
	private static Completed run(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).start();
		CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
		CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
		if (!process.waitFor(2, TimeUnit.MINUTES)) {
			process.destroyForcibly().waitFor();
		}
		return new Completed(command, process.exitValue(), out.join(), err.join());
	}

	private static String readAll(InputStream stream) {
		try {
			return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String script(String name) throws URISyntaxException {
		return Path.of(Objects.requireNonNull(OriginalScriptsInteroperabilityIT.class.getResource("/kafka-python/" + name))
			.toURI()).toString();
	}

	private static ServiceProcess streamStage(String name) {
		return service(name).with("spring.kafka.streams.properties.processing.guarantee", "at_least_once");
	}

	private static ServiceProcess service(String name) {
		return ServiceProcess.ofModule(name)
			.with("userstream.topics.users-info", USERS_INFO)
			.with("userstream.topics.timestamp", TIMESTAMP_TOPIC)
			.with("userstream.topics.label", LABEL_TOPIC);
	}

}
