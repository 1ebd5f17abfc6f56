package io.userstream.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.userstream.launcher.KafkaCluster;
import io.userstream.model.Topics;
import io.userstream.standin.RandomUserStandIn;
import io.userstream.test.BrokerProcess;
import io.userstream.test.ServiceProcess;
import io.userstream.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The production shape on one machine: a three-broker KRaft cluster (every topic and the transaction
 * log with three replicas, two in sync required), the four packaged jars bootstrapped from all three
 * brokers, two instances each of timestamp-service, label-service and persist-service. Users go in
 * through ingest-service's API, so every user counted was acknowledged by the cluster; each drill then
 * counts every user exactly once in {@code user_data} and once on {@code label_topic} read_committed
 * (records against distinct keys: a repeat is a doubled record even where the primary key hides it).
 * Faults are injected at two moments each: as the first rows arrive, and halfway.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

	private static final Duration READY = Duration.ofMinutes(3);

	private static final Duration FLOW = Duration.ofMinutes(3);

	private static final Path HOME = Path.of("target", "scale-out").toAbsolutePath();

	private static final List<String> STAGES = List.of("timestamp-service", "label-service", "persist-service");

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final List<String> RESULTS = new ArrayList<>();

	private static KafkaCluster cluster;

	private static String database;

	private static RandomUserStandIn standIn;

	private static ServiceProcess ingest;

	private static final Map<String, List<ServiceProcess>> instances = new LinkedHashMap<>();

	@BeforeAll
	static void startCluster() {
		FileSystemUtils.deleteRecursively(HOME.toFile());
		cluster = BrokerProcess.cluster(HOME.resolve("kafka"), 3, Map.of(), List.of());
		database = TestDatabase.createAnother();
		standIn = RandomUserStandIn.start(0);
		for (String stage : STAGES) {
			instances.put(stage, new ArrayList<>(List.of(instance(stage, 1), instance(stage, 2))));
		}
		ingest = service("ingest-service").with("randomuser.base-url", standIn.baseUrl())
			.with("randomuser.page-size", "1000")
			.with("ingest.schedule.enabled", "false");
		Stream.concat(instances.values().stream().flatMap(List::stream), Stream.of(ingest)).forEach(ServiceProcess::start);
		Stream.concat(instances.values().stream().flatMap(List::stream), Stream.of(ingest))
			.forEach(service -> service.awaitReady(READY));
	}

	@AfterAll
	static void printTableAndStop() {
		System.out.println("| drill | users | rows | doubled | last row after the fault |");
		System.out.println("|---|---:|---:|---:|---:|");
		RESULTS.forEach(System.out::println);
		Stream.concat(instances.values().stream().flatMap(List::stream), Stream.ofNullable(ingest))
			.forEach(ServiceProcess::stop);
		if (standIn != null) {
			standIn.close();
		}
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	@Order(1)
	void everyInstanceDoesPartOfTheWork() {
		Map<ServiceProcess, Double> before = new HashMap<>();
		instances.values().stream().flatMap(List::stream).forEach(instance -> before.put(instance, work(instance)));

		drill("no fault", 6000, 0, () -> {
		});

		instances.forEach((stage, running) -> {
			List<Long> shares = running.stream().map(instance -> Math.round(work(instance) - before.get(instance))).toList();
			RESULTS.add(String.format("| %s, two instances | | %s | | |", stage,
					shares.stream().map(share -> String.format("%,d", share)).collect(Collectors.joining(" + "))));
			assertThat(shares).as(stage + ": each instance's share of the users").allSatisfy(share -> assertThat(share).isPositive());
		});
	}

	@Test
	@Order(2)
	void oneInstanceOfEachStageKilledMidRun() {
		for (double when : new double[] { 0, 0.5 }) {
			drill("kill -9 one instance of each stage at " + percent(when), 10_000, when,
					() -> STAGES.forEach(stage -> instances.get(stage).get(0).kill()));
			STAGES.forEach(stage -> instances.get(stage).get(0).start());
			STAGES.forEach(stage -> instances.get(stage).get(0).awaitReady(READY));
		}
	}

	@Test
	@Order(3)
	void aBrokerKilledMidRunTheRunEndsOnTheOtherTwo() {
		int node = 1;
		for (double when : new double[] { 0, 0.5 }) {
			int victim = node++;
			drill("kill -9 broker " + victim + " of 3 at " + percent(when) + ", back after the run", 10_000, when,
					() -> cluster.kill(victim));
			cluster.restart(victim);
		}
	}

	/**
	 * A run of {@code users} users through ingest-service; once {@code when} of them are stored (0: the
	 * first), {@code fault}; then every user is stored once and reached label_topic once.
	 */
	private static void drill(String name, int users, double when, Runnable fault) {
		long before = rows();
		TopicTally labelTopic = TopicTally.from(cluster.bootstrapServers(), Topics.LABEL_TOPIC);
		CompletableFuture<String> run = CompletableFuture.supplyAsync(() -> {
			var response = ingest.post("/ingest/run", runOf(users));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			return response.body();
		});
		await().atMost(FLOW).pollInterval(Duration.ofMillis(50)).until(() -> rows() > before + users * when);
		fault.run();
		long faultEnded = System.nanoTime();
		assertThat(json.readTree(run.join()).path("published").asInt()).as("acknowledged by the cluster").isEqualTo(users);
		await().atMost(FLOW).until(() -> rows() >= before + users);
		double recovery = (System.nanoTime() - faultEnded) / 1e9;
		sleep(Duration.ofSeconds(3));
		TopicTally.Count count = labelTopic.count();
		RESULTS.add(String.format("| %s | %,d | %,d | %,d | %.1f s |", name, users, rows() - before, count.doubled(), recovery));
		assertThat(rows() - before).as("each user stored once").isEqualTo(users);
		assertThat(count.keys()).as("every user on label_topic").isEqualTo(users);
		assertThat(count.doubled()).as("users doubled on label_topic").isZero();
	}

	private static String percent(double when) {
		return (when == 0) ? "the first row" : String.format("%.0f%% of the rows", when * 100);
	}

	/** What an instance has done: users enriched by a stream stage, rows inserted by persist-service. */
	private static double work(ServiceProcess instance) {
		String metric = instance.name().equals("persist-service") ? "persist.rows.inserted"
				: "userstream.stream.records?tag=outcome:enriched";
		var response = instance.getManagement("/actuator/metrics/" + metric);
		if (response.statusCode() == 404) {
			return 0;
		}
		JsonNode measurements = json.readTree(response.body()).path("measurements");
		return measurements.get(0).path("value").asDouble();
	}

	private static ServiceProcess instance(String stage, int number) {
		ServiceProcess instance = service(stage);
		if (stage.equals("persist-service")) {
			return instance.withDatabase(database, TestDatabase.username(), TestDatabase.password());
		}
		return instance.with("spring.kafka.streams.state-dir", HOME.resolve("state-" + stage + "-" + number).toString());
	}

	private static ServiceProcess service(String module) {
		return ServiceProcess.ofModule(module)
			.with("spring.kafka.bootstrap-servers", cluster.bootstrapServers())
			.with("userstream.topics.replicas", "3")
			.with("userstream.topics.min-insync-replicas", "2");
	}

	private static String runOf(int users) {
		return json.writeValueAsString(Map.of("count", users, "seed", "scale-" + UUID.randomUUID()));
	}

	private static long rows() {
		return UserTable.rows(database);
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
