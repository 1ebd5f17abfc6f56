package io.userstream.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.userstream.launcher.KafkaCluster;
import io.userstream.model.Topics;
import io.userstream.model.UserJson;
import io.userstream.standin.RandomUserStandIn;
import io.userstream.test.BrokerProcess;
import io.userstream.test.Repository;
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

import org.springframework.kafka.test.EmbeddedKafkaBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pipeline's throughput, CPU and latency as deployed: the four services as their images run them, with
 * the deployed JVM options and memory (see {@link ServiceProcess#asImageRuns(String)}), a broker process,
 * PostgreSQL, and this JVM as the load generator and the randomuser stand-in's server, whose CPU is
 * reported apart. Each path is measured cold (the first records a fresh service sees) and warm (a
 * window after a warm-up at full rate), next to Kafka's and PostgreSQL's own limits in the same run.
 * Sizes come from system properties (see the module's POM): the tiny run in every build asserts only
 * that every record arrived once and the report was written, never a speed.
 */
class PipelineBenchmarkIT {

	/** Users a fresh service's first burst is timed over, on each path. */
	private static final int COLD_USERS = Integer.getInteger("benchmark.cold-users", 2000);

	/** Users waiting on {@code users_info} when the downstream stages start: enough for warm-up and window. */
	private static final int BACKLOG_USERS = Integer.getInteger("benchmark.backlog-users", 6000);

	/** Distinct users the stand-in's pre-generated pages hold for the full path's warm-up and window. */
	private static final int FULL_PATH_USERS = Integer.getInteger("benchmark.full-path-users", 6000);

	private static final int WARMUP_SECONDS = Integer.getInteger("benchmark.warmup-seconds", 2);

	private static final int WINDOW_SECONDS = Integer.getInteger("benchmark.window-seconds", 2);

	private static final List<Integer> LATENCY_RATES = Arrays.stream(System.getProperty("benchmark.latency-rates", "1000")
		.split(",")).map(String::trim).map(Integer::valueOf).toList();

	private static final int LATENCY_SECONDS = Integer.getInteger("benchmark.latency-seconds", 3);

	/** Each service's JDK Flight Recorder profile of the full path's window, summarised in the report. */
	private static final boolean PROFILE = Boolean.getBoolean("benchmark.profile");

	private static final Path REPORT = Path.of(System.getProperty("benchmark.report", "target/benchmark.json"));

	/**
	 * Users per {@code POST /ingest/run}. A run starts only while fewer records than this wait in front of
	 * the downstream stages, and the downstream backlog is topped up by two of these whenever fewer than
	 * two wait: the queue stays small against a window's records, so every stage works through the window
	 * and handles about as many records as the sink stores.
	 */
	private static final int RUN_SIZE = 10_000;

	/** Long enough for the queue to be sampled again after a top-up. */
	private static final Duration QUEUE_SAMPLED = Duration.ofMillis(500);

	/** The most users one upstream request returns. */
	private static final int PAGE_MAX = 5_000;

	/** A fresh service has reached its steady rate once it goes at this share of the warm window's rate. */
	private static final double STEADY_SHARE = 0.9;

	/** The original scripts' downstream rate on this machine (one commit per row), from the issue; not re-measured. */
	private static final double ORIGINAL_SCRIPTS_RATE = 1_500;

	private static final List<String> DOWNSTREAM = List.of("timestamp-service", "label-service", "persist-service");

	private static final String POSTGRES = "PostgreSQL (all its processes)";

	private static final String BROKER = "Kafka broker";

	private static final String LOAD = "load generator + stand-in pages (apart)";

	private static final String MACHINE = "machine (all cores)";

	/** How long each service's profile records, after the full path's window. */
	private static final int PROFILE_SECONDS = 20;

	/** Records each baseline moves. */
	private static final int BASELINE_RECORDS = Integer.getInteger("benchmark.baseline-records", 2000);

	private static final Duration READY = Duration.ofMinutes(3);

	private static final Duration FLOW = Duration.ofMinutes(30);

	private final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

	private final Report report = new Report(Map.of("coldUsers", COLD_USERS, "backlogUsers", BACKLOG_USERS,
			"fullPathUsers", FULL_PATH_USERS, "warmupSeconds", WARMUP_SECONDS, "windowSeconds", WINDOW_SECONDS,
			"latencyRates", LATENCY_RATES, "latencySeconds", LATENCY_SECONDS, "serviceJvm",
			Repository.dotEnv().getProperty("SERVICE_JAVA_OPTIONS"), "serviceMemory",
			Repository.dotEnv().getProperty("SERVICE_MEMORY_LIMIT")));

	private final Map<String, Double> baselines = new LinkedHashMap<>();

	/** Of processes since stopped too: a restarted service's figure is the larger of its two processes'. */
	private final Map<String, Double> peakRss = new HashMap<>();

	private KafkaCluster broker;

	@Test
	void measuresThePipelineColdAndWarmNextToTheMachinesLimits() throws Exception {
		try (KafkaCluster broker = BrokerProcess.start(Files.createTempDirectory(Path.of("target"), "benchmark-broker"));
				RandomUserStandIn standIn = RandomUserStandIn.start(0);
				PreGeneratedPages pages = new PreGeneratedPages(standIn)) {
			this.broker = broker;
			// The broker runs as a process of its own so that its CPU is its own; the test helpers and
			// the services find it where they would find the embedded one (switched off in the POM).
			System.setProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS, broker.bootstrapServers());
			for (int run = 0; run < fullPathRuns(); run++) {
				pages.generate(seed(run), Math.min(runSize(), PAGE_MAX), (runSize() + PAGE_MAX - 1) / PAGE_MAX);
			}
			ServiceProcess.buildImages(Stream.concat(Stream.of("ingest-service"), DOWNSTREAM.stream()).toList());
			try {
				measure(pages);
			}
			finally {
				this.services.values().forEach(ServiceProcess::stop);
			}
		}
	}

	private void measure(PreGeneratedPages pages) throws Exception {
		// ingest declares the topics; the backlog then waits on users_info for stages that have not started.
		startProcess("ingest-service", service -> service.with("randomuser.base-url", pages.baseUrl())
			.with("ingest.schedule.enabled", "false"));
		service("ingest-service").awaitReady(READY);
		produceOriginalScriptsMessages(0, BACKLOG_USERS);
		long stored = downstream();
		stored += fullPath();
		for (int rate : LATENCY_RATES) {
			stored += latency(rate, stored);
		}
		this.services.keySet().forEach(name -> this.report.add(name + ": peak RSS",
				this.peakRss.merge(name, peakRssMegabytes(name), Math::max), "MB"));
		this.report.add("stand-in pages not pre-generated", pages.misses(), "requests");

		String table = this.report.table();
		System.out.println("\nBenchmark (services " + Repository.dotEnv().getProperty("SERVICE_JAVA_OPTIONS") + " -XX:MaxRAM="
				+ Repository.dotEnv().getProperty("SERVICE_MEMORY_LIMIT") + ")\n" + table);
		this.report.write(REPORT);

		assertThat(rows()).as("every record stored once").isEqualTo(stored);
		assertThat(table).contains("warm", "cold", "p99", "COPY", "CPU per record");
		assertThat(REPORT).isNotEmptyFile();
	}

	/**
	 * The three downstream stages started onto the backlog: their cold burst, when they reached their
	 * steady rate, and that rate in a window after the warm-up. Once the backlog is down to two runs'
	 * worth, more records come as the stages take them, so that all three are at work in the window
	 * rather than the sink alone finishing what the faster stages passed on. Returns the rows stored.
	 */
	private long downstream() throws Exception {
		AtomicBoolean feeding = new AtomicBoolean(true);
		AtomicInteger produced = new AtomicInteger(BACKLOG_USERS);
		AtomicLong queuedAtWindow = new AtomicLong();
		var feeder = Executors.newSingleThreadExecutor();
		try (RowCurve curve = new RowCurve(PipelineBenchmarkIT::inserted);
				ConsumerLag lag = new ConsumerLag(List.of(Topics.USERS_INFO, Topics.TIMESTAMP_TOPIC, Topics.LABEL_TOPIC))) {
			DOWNSTREAM.forEach(name -> startProcess(name, service -> name.equals("persist-service") ? service.withDatabase() : service));
			DOWNSTREAM.forEach(name -> service(name).awaitReady(READY));
			double ready = curve.now();
			Future<?> topUps = feeder.submit(() -> {
				// Every stage's group reads by the time the first row is stored, and their lag is the queue.
				await().atMost(FLOW).until(() -> curve.stored() > 0);
				while (feeding.get()) {
					// Two runs' worth at a time: one per sample of the queue would cap the feed near the rate measured.
					await().atMost(FLOW).pollDelay(QUEUE_SAMPLED).until(() -> !feeding.get() || lag.queued() < 2 * runSize());
					if (feeding.get()) {
						produceOriginalScriptsMessages(produced.get(), 2 * runSize());
						produced.addAndGet(2 * runSize());
					}
				}
				return null;
			});
			Warm warm = coldAndWarm(curve, () -> queuedAtWindow.set(lag.queued()));
			feeding.set(false);
			topUps.get();
			awaitStored(curve, produced.get());
			// On the idle machine, with rows in user_data for COPY to copy.
			measureBaselines();

			Map<String, Double> baselines = new LinkedHashMap<>(this.baselines);
			baselines.put("original scripts (~1,500/s, issue's figure)", ORIGINAL_SCRIPTS_RATE);
			this.report.add("downstream warm (users_info to user_data)", warm.rate(), "records/s", baselines);
			this.report.add("downstream cold: first " + COLD_USERS + " records", warm.coldRate(), "records/s", baselines);
			this.report.add("downstream: started to ready", ready, "s");
			this.report.add("downstream: started to " + percent(STEADY_SHARE) + " of warm rate",
					curve.reachedRate(STEADY_SHARE * warm.rate()), "s");
			this.report.add("downstream: records queued as the window opened", queuedAtWindow.get(), "records");
			cpu("downstream window", warm.cpu(), warm.rows());
		}
		finally {
			feeding.set(false);
			feeder.shutdownNow();
		}
		return produced.get();
	}

	/** {@code POST /ingest/run} back to back on a fresh ingest and warm downstream stages. Returns the rows stored. */
	private long fullPath() throws Exception {
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicLong published = new AtomicLong();
		var runner = Executors.newSingleThreadExecutor();
		try (RowCurve curve = new RowCurve(PipelineBenchmarkIT::inserted);
				ConsumerLag lag = new ConsumerLag(List.of(Topics.USERS_INFO, Topics.TIMESTAMP_TOPIC, Topics.LABEL_TOPIC))) {
			Future<?> runs = runner.submit(() -> {
				for (int run = 0; running.get() && run < fullPathRuns(); run++) {
					// No wait for a fresh sample, which would idle ingest between runs: one taken before the last
					// run's records landed lets the queue grow by a run at most.
					await().atMost(FLOW).until(() -> !running.get() || lag.queued() < runSize());
					var response = service("ingest-service").post("/ingest/run",
							"{\"count\": " + runSize() + ", \"seed\": \"" + seed(run) + "\"}");
					assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
					published.addAndGet(this.json.readTree(response.body()).path("published").asLong());
				}
				return null;
			});
			Warm warm = coldAndWarm(curve, lag::takeMaxima);
			Map<String, Long> queues = lag.takeMaxima();
			boolean saturated = !runs.isDone();
			if (PROFILE) {
				// After the window, so that the recordings' cost is not in its figures.
				List<Path> profiles = startProfiles();
				await().atMost(FLOW).until(() -> curve.now() >= warm.end() + PROFILE_SECONDS);
				for (Path profile : profiles) {
					stopProfile(profile);
				}
			}
			restartWhileRecordsWait("persist-service", curve, warm.rate(), () -> runs.isDone() && curve.stored() >= published.get());
			running.set(false);
			runs.get();
			awaitStored(curve, published.get());

			Map<String, Double> baselines = new LinkedHashMap<>(this.baselines);
			this.report.add("full path warm (stand-in to user_data)", warm.rate(), "records/s", baselines);
			this.report.add("full path cold ingest: first " + COLD_USERS + " records", warm.coldRate(), "records/s",
					baselines);
			this.report.add("full path: first run to " + percent(STEADY_SHARE) + " of warm rate",
					curve.reachedRate(STEADY_SHARE * warm.rate()), "s");
			this.report.add("full path: ingest runs left at window's end (1 = yes)", saturated ? 1 : 0, "");
			cpu("full path", warm.cpu(), warm.rows());
			// Records pile up in front of the slowest stage.
			queues.forEach((topic, records) -> this.report.add("full path window: largest queue on " + topic, records,
					"records"));
			return published.get();
		}
		finally {
			running.set(false);
			runner.shutdownNow();
		}
	}

	/**
	 * A started service next to warm ones: the sink, in front of which the full path's records wait,
	 * stopped and started again while they keep coming. Its warm-up is how long it takes to store them
	 * at the path's warm rate again; on a tiny run the records may run out first.
	 */
	private void restartWhileRecordsWait(String name, RowCurve curve, double warmRate, BooleanSupplier recordsRanOut) {
		this.peakRss.merge(name, peakRssMegabytes(name), Math::max);
		service(name).stop();
		double stopped = curve.now();
		// Timed apart: compose and Kubernetes run the migrate step before the service, not again when it restarts.
		ServiceProcess migrated = ServiceProcess.asImageRuns(name).withDatabase();
		double started = curve.now();
		this.services.put(name, migrated.start());
		service(name).awaitReady(READY);
		double ready = curve.now();
		await().atMost(FLOW)
			.until(() -> curve.reachedRate(STEADY_SHARE * warmRate, started) >= 0 || recordsRanOut.getAsBoolean());
		double steady = curve.reachedRate(STEADY_SHARE * warmRate, started);
		String phase = name + " restarted during the full path: started to ";
		this.report.add(name + " restarted during the full path: its migrate step", started - stopped, "s");
		this.report.add(phase + "ready", ready - started, "s");
		this.report.add(phase + percent(STEADY_SHARE) + " of the path's warm rate (-1: records ran out first)",
				(steady < 0) ? -1 : steady - started, "s");
	}

	/** A path's first burst, and the window after its warm-up: rows stored in it and the CPU each process used. */
	private record Warm(double coldRate, double end, Map<String, ProcessResources> cpu, long rows) {

		double rate() {
			return this.rows / (double) WINDOW_SECONDS;
		}

	}

	/** Times the cold burst, waits out the warm-up, then measures the window; {@code windowOpens} runs as it opens. */
	private Warm coldAndWarm(RowCurve curve, Runnable windowOpens) {
		awaitStored(curve, COLD_USERS);
		double firstRow = curve.reached(1);
		double cold = curve.reached(COLD_USERS);
		double start = firstRow + WARMUP_SECONDS;
		await().atMost(FLOW).until(() -> curve.now() >= start);
		Map<String, ProcessResources> before = resources();
		windowOpens.run();
		double end = start + WINDOW_SECONDS;
		await().atMost(FLOW).until(() -> curve.now() >= end);
		return new Warm(COLD_USERS / (cold - firstRow), end, difference(before, resources()),
				curve.storedBetween(start, end));
	}

	/** End-to-end latency at a steady {@code rate}, from the sink's histogram. Returns the rows stored. */
	private long latency(int rate, long offset) throws Exception {
		LatencyHistogram before = latencyHistogram();
		Map<String, ProcessResources> start = resources();
		int sent = steadyLoad(rate, (int) offset);
		await().atMost(Duration.ofMinutes(1)).until(() -> latencyHistogram().minus(before).count() >= sent);
		LatencyHistogram latency = latencyHistogram().minus(before);
		String phase = "latency at " + rate + "/s";
		this.report.add(phase + ", p50 (bucket bound)", latency.upperBoundMillis(0.50), "ms");
		this.report.add(phase + ", p95 (bucket bound)", latency.upperBoundMillis(0.95), "ms");
		this.report.add(phase + ", p99 (bucket bound)", latency.upperBoundMillis(0.99), "ms");
		this.report.add(phase + ", max (bucket bound)", latency.upperBoundMillis(1.0), "ms");
		cpu(phase, difference(start, resources()), sent);
		assertThat(latency.count()).as("latency samples").isEqualTo(sent);
		return sent;
	}

	/** CPU per record of each process and of the pipeline (services, broker, PostgreSQL) over a window. */
	private void cpu(String phase, Map<String, ProcessResources> window, long records) {
		double pipeline = 0;
		for (var process : window.entrySet()) {
			double micros = process.getValue().cpuSeconds() * 1e6 / Math.max(1, records);
			if (!process.getKey().equals(LOAD) && !process.getKey().equals(MACHINE)) {
				pipeline += micros;
			}
			this.report.add(phase + ": " + process.getKey() + ", CPU per record", micros, "µs");
		}
		this.report.add(phase + ": pipeline (services, broker, PostgreSQL), CPU per record", pipeline, "µs");
	}

	/**
	 * Kafka's and PostgreSQL's own limits on the same broker and database, with records as ingest
	 * writes them; a producer's rate is divided by three, as each record crosses three topics.
	 */
	private void measureBaselines() throws IOException, SQLException {
		Path payloads = payloadFile();
		double plain = ProducerPerformanceRun.recordsPerSecond("benchmark-plain", BASELINE_RECORDS, payloads, 0);
		double transactional = ProducerPerformanceRun.recordsPerSecond("benchmark-transactional", BASELINE_RECORDS,
				payloads, 100);
		double copy = CopyBaseline.rowsPerSecond(Math.min(BASELINE_RECORDS, BACKLOG_USERS));
		this.report.add("baseline: ProducerPerformance acks=all", plain, "records/s");
		this.report.add("baseline: ProducerPerformance transactional", transactional, "records/s");
		this.report.add("baseline: PostgreSQL COPY into user_data twin", copy, "rows/s");
		this.baselines.put("ProducerPerformance acks=all / 3", plain / 3);
		this.baselines.put("ProducerPerformance transactional / 3", transactional / 3);
		this.baselines.put("COPY", copy);
	}

	/** Users numbered from {@code first} as the original scripts write them, unkeyed, on {@code users_info}. */
	private static void produceOriginalScriptsMessages(int first, int count) {
		try (KafkaProducer<String, byte[]> producer = fastProducer()) {
			for (int i = first; i < first + count; i++) {
				producer.send(new ProducerRecord<>(Topics.USERS_INFO, TestUsers.originalScriptsJson(TestUsers.fetched(i))));
			}
		}
	}

	/** Users at {@code rate} a second in a hundred even ticks, numbered from {@code first}; returns how many. */
	private static int steadyLoad(int rate, int first) throws InterruptedException {
		int perTick = Math.max(1, rate / 100);
		AtomicInteger sent = new AtomicInteger();
		ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
		try (KafkaProducer<String, byte[]> producer = TestKafka.producer()) {
			ticker.scheduleAtFixedRate(() -> {
				for (int i = 0; i < perTick; i++) {
					var user = TestUsers.fetched(first + sent.getAndIncrement());
					producer.send(new ProducerRecord<>(Topics.USERS_INFO, user.id().toString(), UserJson.write(user)));
				}
			}, 0, 10, TimeUnit.MILLISECONDS);
			Thread.sleep(LATENCY_SECONDS * 1000L);
			ticker.shutdown();
			ticker.awaitTermination(10, TimeUnit.SECONDS);
		}
		return sent.get();
	}

	private void startProcess(String name, UnaryOperator<ServiceProcess> configure) {
		this.services.put(name, configure.apply(ServiceProcess.asImageRuns(name)).start());
	}

	/** A profiling recording in each service (jcmd JFR.start); returns the files they will write. */
	private List<Path> startProfiles() throws IOException, InterruptedException {
		List<Path> files = new ArrayList<>();
		for (var service : this.services.entrySet()) {
			Path file = Path.of("target", "profiles", service.getKey() + ".jfr").toAbsolutePath();
			Files.createDirectories(file.getParent());
			jcmd(service.getValue().pid(), "JFR.start", "name=benchmark", "settings=profile", "filename=" + file);
			files.add(file);
		}
		return files;
	}

	private void stopProfile(Path file) throws IOException, InterruptedException {
		String name = file.getFileName().toString().replace(".jfr", "");
		jcmd(service(name).pid(), "JFR.stop", "name=benchmark");
		JfrProfile profile = JfrProfile.read(file);
		System.out.println("\nProfile of " + name + " (full path window)\n" + profile.summary(10));
		profile.categoryShares().forEach((category, share) -> this.report.add(name + " profile: " + category, share, "%"));
	}

	private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
		List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				Long.toString(pid)));
		line.addAll(List.of(command));
		Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
		String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(jcmd.waitFor()).as(output).isZero();
	}

	/** A thousand records as ingest writes them, one per line, for ProducerPerformance. */
	private static Path payloadFile() throws IOException {
		Path file = Path.of("target", "benchmark-payloads.txt");
		Files.writeString(file, IntStream.range(0, 1000)
			.mapToObj(i -> new String(TestUsers.json(TestUsers.fetched(i)), StandardCharsets.UTF_8))
			.collect(Collectors.joining("\n")));
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

	/**
	 * Rows inserted into {@code user_data} as PostgreSQL's statistics count them: there before
	 * persist-service answers, and cheap where {@code count(*)} over millions of rows would load the
	 * database whose CPU is measured. A busy backend reports them about once a second.
	 */
	private static long inserted() {
		try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement();
				ResultSet result = statement
					.executeQuery("SELECT coalesce(sum(n_tup_ins), 0) FROM pg_stat_user_tables WHERE relname = 'user_data'")) {
			result.next();
			return result.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** CPU seconds so far of each service, the broker, PostgreSQL, this JVM and the whole machine. */
	private Map<String, ProcessResources> resources() {
		Map<String, ProcessResources> resources = new LinkedHashMap<>();
		this.services.forEach((name, service) -> resources.put(name, ProcessResources.of(service.pid())));
		resources.put(BROKER, new ProcessResources(0, this.broker.processes()
			.values()
			.stream()
			.mapToDouble(process -> ProcessResources.of(process.pid()).cpuSeconds())
			.sum()));
		resources.put(POSTGRES, new ProcessResources(0, ProcessResources.cpuSecondsOfCommand("postgres")));
		resources.put(LOAD, new ProcessResources(0, ProcessResources.of(ProcessHandle.current().pid()).cpuSeconds()));
		resources.put(MACHINE, new ProcessResources(0, ProcessResources.machineBusySeconds()));
		return resources;
	}

	private static Map<String, ProcessResources> difference(Map<String, ProcessResources> before,
			Map<String, ProcessResources> after) {
		Map<String, ProcessResources> used = new LinkedHashMap<>();
		after.forEach((name, resources) -> used.put(name,
				new ProcessResources(resources.peakRssBytes(), resources.cpuSeconds() - before.getOrDefault(name,
						new ProcessResources(0, 0)).cpuSeconds())));
		return used;
	}

	private double peakRssMegabytes(String name) {
		return ProcessResources.of(service(name).pid()).peakRssBytes() / 1048576.0;
	}

	private ServiceProcess service(String name) {
		return this.services.get(name);
	}

	private static int fullPathRuns() {
		return (FULL_PATH_USERS + RUN_SIZE - 1) / RUN_SIZE;
	}

	private static int runSize() {
		return Math.min(RUN_SIZE, FULL_PATH_USERS);
	}

	private static String seed(int run) {
		return "benchmark-" + run;
	}

	private static String percent(double share) {
		return Math.round(share * 100) + " %";
	}

	private static void awaitStored(RowCurve curve, long expected) {
		await().atMost(FLOW).pollInterval(Duration.ofMillis(200)).until(() -> curve.reached(expected) >= 0);
	}

	private static long rows() throws SQLException {
		try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT count(*) FROM user_data")) {
			result.next();
			return result.getLong(1);
		}
	}

}
