package io.userstream.benchmark;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.userstream.model.Topics;
import io.userstream.model.UserJson;
import io.userstream.standin.RandomUserStandIn;
import io.userstream.test.ServiceProcess;
import io.userstream.test.TestDatabase;
import io.userstream.test.TestKafka;
import io.userstream.test.TestUsers;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pipeline's throughput and latency in its deployed shape (the four packaged jars as processes,
 * the embedded broker, PostgreSQL, the randomuser stand-in behind pre-generated pages), each figure
 * next to what Kafka and PostgreSQL alone do on the same machine in the same run. Sizes come from
 * system properties (see the module's POM): a tiny run in every build asserts only that every record
 * arrived and the report was written, never a speed.
 */
class PipelineBenchmarkIT {

	private static final int USERS = Integer.getInteger("benchmark.users", 2000);

	private static final int LATENCY_SECONDS = Integer.getInteger("benchmark.latency-seconds", 5);

	private static final int LATENCY_RATE = Integer.getInteger("benchmark.latency-rate", 1000);

	/** JVM options of the service processes, after ServiceProcess's defaults (which favour a fast start). */
	private static final String SERVICE_JVM = System.getProperty("benchmark.service-jvm", "-Xmx256m");

	private static final Path REPORT = Path.of(System.getProperty("benchmark.report", "target/benchmark.json"));

	/** The most one {@code POST /ingest/run} accepts, and the most users one upstream request returns. */
	private static final int RUN_MAX = 50_000;

	private static final int PAGE_MAX = 5_000;

	/** The original scripts' downstream rate on this machine (one commit per row), from the issue; not re-measured. */
	private static final double ORIGINAL_SCRIPTS_RATE = 1_500;

	private static final List<String> SERVICES = List.of("persist-service", "label-service", "timestamp-service",
			"ingest-service");

	private static final String POSTGRES = "PostgreSQL (all its processes)";

	private static final String BROKER = "broker + benchmark JVM";

	private static final String MACHINE = "machine (all cores)";

	private static final Duration READY = Duration.ofMinutes(3);

	private static final Duration FLOW = Duration.ofMinutes(30);

	private final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

	private final Map<String, Long> pids = new LinkedHashMap<>();

	@Test
	void measuresThePipelineNextToTheMachinesLimits() throws Exception {
		List<Integer> runs = runSizes();
		try (RandomUserStandIn standIn = RandomUserStandIn.start(0); PreGeneratedPages pages = new PreGeneratedPages(standIn)) {
			for (int run = 0; run < runs.size(); run++) {
				int size = runs.get(run);
				pages.generate(seed(run), Math.min(size, PAGE_MAX), (size + PAGE_MAX - 1) / PAGE_MAX);
			}
			startServices(pages.baseUrl());
			try {
				measure(runs, pages);
			}
			finally {
				this.services.values().forEach(ServiceProcess::stop);
			}
		}
	}

	private void measure(List<Integer> runs, PreGeneratedPages pages) throws Exception {
		Report report = new Report(Map.of("users", USERS, "latencyRate", LATENCY_RATE, "latencySeconds", LATENCY_SECONDS,
				"serviceJvm", SERVICE_JVM));
		Map<String, ProcessResources> ready = resources();
		ConsumerLag lag = new ConsumerLag(List.of(Topics.USERS_INFO, Topics.TIMESTAMP_TOPIC, Topics.LABEL_TOPIC));
		lag.takeMaxima();

		// Full path: randomuser stand-in -> ingest -> three topics -> user_data.
		long fullStart = System.nanoTime();
		long published = 0;
		long ingestMillis = 0;
		for (int run = 0; run < runs.size(); run++) {
			var response = service("ingest-service").post("/ingest/run",
					"{\"count\": " + runs.get(run) + ", \"seed\": \"" + seed(run) + "\"}");
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			JsonNode summary = this.json.readTree(response.body());
			published += summary.path("published").asLong();
			ingestMillis += summary.path("durationMs").asLong();
		}
		awaitRows(published);
		double fullSeconds = seconds(fullStart);
		Map<String, ProcessResources> afterFull = resources();
		Map<String, Long> fullLag = lag.takeMaxima();

		// Downstream only: the original scripts' messages straight onto users_info.
		List<byte[]> original = new ArrayList<>(USERS);
		for (int i = 0; i < USERS; i++) {
			original.add(TestUsers.originalScriptsJson(TestUsers.fetched(i)));
		}
		long downstreamStart = System.nanoTime();
		try (KafkaProducer<String, byte[]> producer = fastProducer()) {
			original.forEach(value -> producer.send(new ProducerRecord<>(Topics.USERS_INFO, value)));
		}
		awaitRows(published + USERS);
		double downstreamSeconds = seconds(downstreamStart);
		Map<String, ProcessResources> afterDownstream = resources();
		Map<String, Long> downstreamLag = lag.takeMaxima();

		// Latency at a steady rate, from the sink's histogram: what was stored in between two scrapes.
		LatencyHistogram before = latencyHistogram();
		long latencyStart = System.nanoTime();
		int steady = steadyLoad();
		awaitRows(published + USERS + steady);
		// A row is visible at commit, its latency is recorded just after.
		await().atMost(Duration.ofMinutes(1)).until(() -> latencyHistogram().minus(before).count() >= steady);
		LatencyHistogram latency = latencyHistogram().minus(before);
		double latencySeconds = seconds(latencyStart);
		Map<String, ProcessResources> afterLatency = resources();
		Map<String, Long> latencyLag = lag.takeMaxima();
		lag.close();

		// Baselines on the same broker and database, with our records as they are on users_info.
		Path payloads = payloadFile();
		double plain = ProducerPerformanceRun.recordsPerSecond("benchmark-plain", USERS, payloads, 0);
		double transactional = ProducerPerformanceRun.recordsPerSecond("benchmark-transactional", USERS, payloads, 100);
		double copy = CopyBaseline.rowsPerSecond(USERS);

		Map<String, Double> baselines = new LinkedHashMap<>();
		baselines.put("ProducerPerformance acks=all / 3", plain / 3);
		baselines.put("ProducerPerformance transactional / 3", transactional / 3);
		baselines.put("COPY", copy);
		report.add("full path (stand-in to user_data)", published / fullSeconds, "records/s", baselines);
		report.add("  ingest runs alone (fetch + publish)", published * 1000.0 / ingestMillis, "records/s");
		Map<String, Double> downstreamBaselines = new LinkedHashMap<>(baselines);
		downstreamBaselines.put("original scripts (~1,500/s, issue's figure)", ORIGINAL_SCRIPTS_RATE);
		report.add("downstream only (users_info to user_data)", USERS / downstreamSeconds, "records/s", downstreamBaselines);
		report.add("latency at " + LATENCY_RATE + "/s, p50 (bucket bound)", latency.upperBoundMillis(0.50), "ms");
		report.add("latency at " + LATENCY_RATE + "/s, p95 (bucket bound)", latency.upperBoundMillis(0.95), "ms");
		report.add("latency at " + LATENCY_RATE + "/s, p99 (bucket bound)", latency.upperBoundMillis(0.99), "ms");
		report.add("latency at " + LATENCY_RATE + "/s, max (bucket bound)", latency.upperBoundMillis(1.0), "ms");
		report.add("latency at " + LATENCY_RATE + "/s, stored within 250 ms", latency.percentWithinMillis(250), "%");
		report.add("latency at " + LATENCY_RATE + "/s, stored within 500 ms", latency.percentWithinMillis(500), "%");
		report.add("baseline: ProducerPerformance acks=all", plain, "records/s");
		report.add("baseline: ProducerPerformance transactional", transactional, "records/s");
		report.add("baseline: PostgreSQL COPY into user_data twin", copy, "rows/s");
		Map<String, Double> phaseSeconds = new LinkedHashMap<>();
		phaseSeconds.put("full path", fullSeconds);
		phaseSeconds.put("downstream", downstreamSeconds);
		phaseSeconds.put("latency phase", latencySeconds);
		List<Map<String, ProcessResources>> marks = List.of(ready, afterFull, afterDownstream, afterLatency);
		for (String name : afterLatency.keySet()) {
			if (this.pids.containsKey(name)) {
				report.add(name + ": peak RSS", ProcessResources.of(this.pids.get(name)).peakRssBytes() / 1048576.0, "MB");
			}
			report.add(name + ": CPU seconds, all phases", afterLatency.get(name).cpuSeconds() - ready.get(name).cpuSeconds(), "s");
			int phase = 0;
			for (var seconds : phaseSeconds.entrySet()) {
				double cpu = marks.get(phase + 1).get(name).cpuSeconds() - marks.get(phase).get(name).cpuSeconds();
				phase++;
				if (seconds.getValue() > 0) {
					report.add(name + ": CPU " + seconds.getKey(), cpu / seconds.getValue(), "cores");
				}
			}
		}
		for (String topic : fullLag.keySet()) {
			report.add("largest queue on " + topic + ", full path", fullLag.get(topic), "records");
			report.add("largest queue on " + topic + ", downstream", downstreamLag.get(topic), "records");
			report.add("largest queue on " + topic + ", latency phase", latencyLag.get(topic), "records");
		}
		report.add("stand-in pages not pre-generated", pages.misses(), "requests");

		String table = report.table();
		System.out.println("\nBenchmark (" + USERS + " users, latency " + LATENCY_RATE + "/s for " + LATENCY_SECONDS
				+ " s, services " + SERVICE_JVM + ")\n" + table);
		report.write(REPORT);

		assertThat(rows()).as("every record stored once").isEqualTo(published + USERS + steady);
		assertThat(latency.count()).as("latency samples").isEqualTo(steady);
		assertThat(table).contains("full path", "downstream only", "p99", "COPY");
		assertThat(REPORT).isNotEmptyFile();
	}

	private void startServices(String randomUserBaseUrl) {
		for (String name : SERVICES) {
			ServiceProcess service = ServiceProcess.ofModule(name).withJvmOptions(SERVICE_JVM.trim().split("\\s+"));
			if (name.equals("persist-service")) {
				service.withDatabase();
			}
			if (name.equals("ingest-service")) {
				service.with("randomuser.base-url", randomUserBaseUrl).with("ingest.schedule.enabled", "false");
			}
			this.services.put(name, service.start());
		}
		this.services.values().forEach(service -> service.awaitReady(READY));
		this.services.forEach((name, service) -> this.pids.put(name, service.pid()));
	}

	/** Users at {@link #LATENCY_RATE} a second in a hundred even ticks, for the latency phase; returns how many. */
	private int steadyLoad() throws InterruptedException {
		int perTick = Math.max(1, LATENCY_RATE / 100);
		AtomicInteger sent = new AtomicInteger();
		ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
		try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
			ticker.scheduleAtFixedRate(() -> {
				for (int i = 0; i < perTick; i++) {
					var user = TestUsers.fetched(sent.getAndIncrement());
					producer.send(new ProducerRecord<>(Topics.USERS_INFO, user.id().toString(), UserJson.write(user)));
				}
			}, 0, 10, TimeUnit.MILLISECONDS);
			Thread.sleep(LATENCY_SECONDS * 1000L);
			ticker.shutdown();
			ticker.awaitTermination(10, TimeUnit.SECONDS);
		}
		return sent.get();
	}

	/** Up to a thousand records as ingest wrote them, one per line, for ProducerPerformance. */
	private static Path payloadFile() throws Exception {
		Path file = Path.of("target", "benchmark-payloads.txt");
		String lines = TestKafka.readCommitted(List.of(Topics.USERS_INFO), 1000, Duration.ofSeconds(30), Duration.ZERO)
			.stream()
			.limit(1000)
			.map(record -> new String(record.value(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("\n"));
		Files.writeString(file, lines);
		return file;
	}

	private static KafkaProducer<String, byte[]> fastProducer() {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 10,
				ProducerConfig.BATCH_SIZE_CONFIG, 262144, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
				new StringSerializer(), new ByteArraySerializer());
	}

	private LatencyHistogram latencyHistogram() {
		var scrape = service("persist-service").getManagement("/actuator/prometheus");
		assertThat(scrape.statusCode()).isEqualTo(200);
		return LatencyHistogram.parse(scrape.body());
	}

	/** The services' resources, and CPU seconds of PostgreSQL, of this JVM (the broker) and of the whole machine. */
	private Map<String, ProcessResources> resources() {
		Map<String, ProcessResources> resources = new LinkedHashMap<>();
		this.pids.forEach((name, pid) -> resources.put(name, ProcessResources.of(pid)));
		resources.put(POSTGRES, new ProcessResources(0, ProcessResources.cpuSecondsOfCommand("postgres")));
		resources.put(BROKER, new ProcessResources(0, ProcessResources.of(ProcessHandle.current().pid()).cpuSeconds()));
		resources.put(MACHINE, new ProcessResources(0, ProcessResources.machineBusySeconds()));
		return resources;
	}

	private ServiceProcess service(String name) {
		return this.services.get(name);
	}

	/** Calls of at most {@link #RUN_MAX} users that add up to {@link #USERS}. */
	private static List<Integer> runSizes() {
		List<Integer> sizes = new ArrayList<>();
		for (int left = USERS; left > 0; left -= RUN_MAX) {
			sizes.add(Math.min(left, RUN_MAX));
		}
		return sizes;
	}

	private static String seed(int run) {
		return "benchmark-" + run;
	}

	private static void awaitRows(long expected) {
		await().atMost(FLOW).pollInterval(Duration.ofMillis(100)).until(() -> rows() >= expected);
	}

	private static long rows() throws SQLException {
		try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT count(*) FROM user_data")) {
			result.next();
			return result.getLong(1);
		}
	}

	private static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

}
