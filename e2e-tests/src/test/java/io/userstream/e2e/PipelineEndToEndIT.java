package io.userstream.e2e;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.userstream.model.Topics;
import io.userstream.standin.RandomUserStandIn;
import io.userstream.test.Repository;
import io.userstream.test.ServiceProcess;
import io.userstream.test.TestDatabase;
import io.userstream.test.TestKafka;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The deployed shape: the four packaged jars as separate processes (the schedule off) against a real
 * broker, PostgreSQL and the randomuser stand-in, driven only through their HTTP APIs. One stack is
 * shared by the tests: process starts are the slow part.
 */
class PipelineEndToEndIT {

	private static final Set<String> LABELS = Set.of("Good", "Bad", "Excellent", "Awful", "Normal");

	private static final Duration READY = Duration.ofMinutes(3);

	private static final Duration FLOW = Duration.ofMinutes(5);

	private static RandomUserStandIn standIn;

	private static ServiceProcess ingest;

	private static ServiceProcess timestamp;

	private static ServiceProcess label;

	private static ServiceProcess persist;

	@BeforeAll
	static void startPipeline() throws Exception {
		standIn = RandomUserStandIn.start(0);
		// Its log names each user it stores, with the user's trace (the tracing test reads it).
		persist = ServiceProcess.ofModule("persist-service").withDatabase()
			.with("logging.level.io.userstream.persist.sink.UserSink", "debug")
			.start();
		label = ServiceProcess.ofModule("label-service").start();
		// As under Docker: JSON log lines (the tracing test reads its dead letter's line).
		timestamp = ServiceProcess.ofModule("timestamp-service").with("logging.structured.format.console", "ecs").start();
		ingest = ServiceProcess.ofModule("ingest-service").with("randomuser.base-url", standIn.baseUrl())
			.with("ingest.schedule.enabled", "false")
			.start();
		Stream.of(persist, label, timestamp, ingest).forEach(service -> service.awaitReady(READY));
	}

	@AfterAll
	static void stopPipeline() throws Exception {
		Stream.of(ingest, timestamp, label, persist).filter(Objects::nonNull).forEach(ServiceProcess::stop);
		if (standIn != null) {
			standIn.close();
		}
	}

	@Test
	void twoThousandUsersAreStoredOnceEachWithTimestampAndLabel() throws Exception {
		long before = rows();
		TopicTally labelTopic = TopicTally.from(TestKafka.bootstrapServers(), Topics.LABEL_TOPIC);

		HttpResponse<String> run = ingest.post("/ingest/run", "{\"count\": 2000, \"seed\": \"e2e-2000\"}");

		assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
		assertThat(JsonMapper.builder().build().readTree(run.body()).path("published").asLong()).isEqualTo(2000);
		await().atMost(FLOW).until(() -> rows() >= before + 2000);
		assertStoredOnceEach(before + 2000);
		assertOnceEachOnLabelTopic(labelTopic, 2000);
		assertThat(statsTotal()).isEqualTo(before + 2000);
	}

	@Test
	void killedMidRunPersistAndLabelServicesLoseAndDoubleNothing() throws Exception {
		long before = rows();
		TopicTally labelTopic = TopicTally.from(TestKafka.bootstrapServers(), Topics.LABEL_TOPIC);
		List<TopicTally> deadLetterTopics = Stream.of(Topics.USERS_INFO, Topics.TIMESTAMP_TOPIC, Topics.LABEL_TOPIC)
			.map(topic -> TopicTally.from(TestKafka.bootstrapServers(), Topics.deadLetterOf(topic)))
			.toList();

		CompletableFuture<HttpResponse<String>> run = CompletableFuture
			.supplyAsync(() -> ingest.post("/ingest/run", "{\"count\": 5000, \"seed\": \"e2e-crash\"}"));
		await().atMost(FLOW).pollInterval(Duration.ofMillis(50)).until(() -> rows() > before);
		persist.kill();
		label.kill();
		long atCrash = rows();
		assertThat(atCrash).as("some but not all rows at the crash").isGreaterThan(before).isLessThan(before + 5000);
		assertThat(run.get().statusCode()).isEqualTo(200);

		label.start();
		persist.start();
		label.awaitReady(READY);
		persist.awaitReady(READY);

		await().atMost(FLOW).until(() -> rows() >= before + 5000);
		assertStoredOnceEach(before + 5000);
		assertOnceEachOnLabelTopic(labelTopic, 5000);
		assertThat(deadLetterTopics).as("dead letters").allSatisfy(topic -> assertThat(topic.count().records()).isZero());
	}

	/**
	 * The dashboard and the alerts query only what the services export: every metric name in them is
	 * scraped from the running services, after a poison record so that a dead-letter counter exists.
	 */
	@Test
	void everyMetricTheDashboardAndTheAlertsQueryIsExported() throws Exception {
		String poison = "monitoring-" + UUID.randomUUID();
		try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
			producer.send(new ProducerRecord<>(Topics.USERS_INFO, poison, "not a user".getBytes(StandardCharsets.UTF_8)))
				.get();
		}
		TestKafka.awaitKey(Topics.deadLetterOf(Topics.USERS_INFO), poison, FLOW);
		MonitoringQueries queries = MonitoringQueries.in(Repository.root());
		assertThat(queries.queried()).containsKeys("userstream_dead_letters_total", "userstream_ready",
				"persist_end_to_end_latency_seconds_bucket", "ingest_upstream_requests_total");

		await().atMost(Duration.ofMinutes(1))
			.untilAsserted(() -> assertThat(queries.missingFrom(exportedMetrics()))
				.as("metrics the dashboard or the alerts query (and where) that no service exports")
				.isEmpty());
	}

	/** The metric names on the four services' {@code /actuator/prometheus}. */
	private static Set<String> exportedMetrics() {
		Set<String> names = new HashSet<>();
		for (ServiceProcess service : List.of(ingest, timestamp, label, persist)) {
			HttpResponse<String> scrape = service.getManagement("/actuator/prometheus");
			assertThat(scrape.statusCode()).as(service.name() + " /actuator/prometheus").isEqualTo(200);
			scrape.body()
				.lines()
				.filter(line -> !line.isBlank() && !line.startsWith("#"))
				.map(line -> line.split("[{ ]", 2)[0])
				.forEach(names::add);
		}
		return names;
	}

	/**
	 * One trace per user: the trace ingest put on each user's record is the one persist logs when it
	 * stores the user, and a stage's log line for a dead letter carries the dead letter's trace, which
	 * continues the trace the poison record came with.
	 */
	@Test
	void aUsersTraceRunsFromItsPublishToItsRowAndIntoADeadLetter() throws Exception {
		Map<TopicPartition, Long> from = endOffsets(Topics.USERS_INFO);
		assertThat(ingest.post("/ingest/run", "{\"count\": 50, \"seed\": \"e2e-trace\"}").statusCode()).isEqualTo(200);
		Map<String, String> published = traceIdsSince(Topics.USERS_INFO, from);
		assertThat(published).hasSize(50).allSatisfy((id, traceId) -> assertThat(traceId).matches("[0-9a-f]{32}"));
		assertThat(new HashSet<>(published.values())).as("a trace of its own per user").hasSize(50);

		await().atMost(FLOW).untilAsserted(() -> assertThat(loggedTraceIds(persist, "Stored user ")).containsAllEntriesOf(published));

		String traceId = HexFormat.of().formatHex(UUID.randomUUID().toString().replace("-", "").getBytes(StandardCharsets.US_ASCII), 0, 16);
		String poison = "traced-" + UUID.randomUUID();
		try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
			ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.USERS_INFO, poison,
					"not a user".getBytes(StandardCharsets.UTF_8));
			record.headers().add("traceparent", ("00-" + traceId + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.US_ASCII));
			producer.send(record).get();
		}
		var deadLetter = TestKafka.awaitKey(Topics.deadLetterOf(Topics.USERS_INFO), poison, FLOW);
		String traceparent = new String(deadLetter.headers().lastHeader("traceparent").value(), StandardCharsets.US_ASCII);
		assertThat(traceparent).as("the stage's own span in the poison record's trace")
			.startsWith("00-" + traceId + "-")
			.doesNotContain("00f067aa0ba902b7");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Files.readAllLines(timestamp.log()))
			.anySatisfy(line -> assertThat(line).startsWith("{")
				.contains("Dead-lettered")
				.contains("\"service\":{\"name\":\"timestamp-service\"")
				.contains("\"traceId\":\"" + traceId + "\"")
				.containsPattern("\"spanId\":\"[0-9a-f]{16}\"")));
	}

	/** The trace id of each record a service's log names after {@code marker} (Boot's [traceId-spanId] correlation). */
	private static Map<String, String> loggedTraceIds(ServiceProcess service, String marker) throws IOException {
		Pattern line = Pattern.compile("\\[([0-9a-f]{32})-[0-9a-f]{16}\\] .*" + marker + "(\\S+)");
		Map<String, String> traceIds = new HashMap<>();
		for (String text : Files.readAllLines(service.log())) {
			Matcher matcher = line.matcher(text);
			if (matcher.find()) {
				traceIds.put(matcher.group(2), matcher.group(1));
			}
		}
		return traceIds;
	}

	/** The trace id of a W3C traceparent ({@code 00-<trace id>-<span id>-<flags>}). */
	private static String traceId(Header traceparent) {
		return (traceparent != null) ? new String(traceparent.value(), StandardCharsets.US_ASCII).substring(3, 35) : null;
	}

	private static Map<TopicPartition, Long> endOffsets(String topic) {
		try (KafkaConsumer<String, byte[]> consumer = TestKafka.committedReader(topic)) {
			return consumer.endOffsets(consumer.partitionsFor(topic).stream()
				.map(info -> new TopicPartition(topic, info.partition()))
				.toList());
		}
	}

	/** Each record's key and the trace id of its traceparent, from the given offsets to the current end. */
	private static Map<String, String> traceIdsSince(String topic, Map<TopicPartition, Long> from) {
		Map<String, String> traceIds = new HashMap<>();
		Map<TopicPartition, Long> to = endOffsets(topic);
		try (KafkaConsumer<String, byte[]> consumer = TestKafka.committedReader(topic)) {
			consumer.unsubscribe();
			consumer.assign(from.keySet());
			from.forEach(consumer::seek);
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (to.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())
					&& System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200))
					.forEach(record -> traceIds.put(record.key(), traceId(record.headers().lastHeader("traceparent"))));
			}
		}
		return traceIds;
	}

	/** Exactly {@code expected} rows (waiting a little for any surplus), all enriched. */
	private static void assertStoredOnceEach(long expected) throws SQLException, InterruptedException {
		Thread.sleep(3000);
		try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(
						"SELECT count(*), count(timestamp), count(*) FILTER (WHERE labels IN "
								+ "('Good', 'Bad', 'Excellent', 'Awful', 'Normal')) FROM user_data")) {
			result.next();
			assertThat(result.getLong(1)).as("rows").isEqualTo(expected);
			assertThat(result.getLong(2)).as("rows with a timestamp").isEqualTo(expected);
			assertThat(result.getLong(3)).as("rows with a label from " + LABELS).isEqualTo(expected);
		}
	}

	/**
	 * Each user once on label_topic as a downstream reader sees it: the primary key would hide a
	 * doubled record in the table, the topic does not.
	 */
	private static void assertOnceEachOnLabelTopic(TopicTally labelTopic, long users) {
		TopicTally.Count count = labelTopic.count();
		assertThat(count.keys()).as("users on label_topic").isEqualTo(users);
		assertThat(count.doubled()).as("doubled records on label_topic").isZero();
	}

	private static long statsTotal() {
		JsonNode stats = JsonMapper.builder().build().readTree(persist.get("/users/stats").body());
		return stats.properties()
			.stream()
			.filter(field -> field.getKey().toLowerCase().contains("total") && field.getValue().isNumber())
			.findFirst()
			.orElseThrow(() -> new AssertionError("no total in /users/stats: " + stats))
			.getValue()
			.asLong();
	}

	private static long rows() throws SQLException {
		try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT count(*) FROM user_data")) {
			result.next();
			return result.getLong(1);
		}
		catch (SQLException ex) {
			if ("42P01".equals(ex.getSQLState())) {
				return 0;
			}
			throw ex;
		}
	}

}
