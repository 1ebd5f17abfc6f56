package io.userstream.e2e;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.userstream.launcher.KafkaCluster;
import io.userstream.model.Topics;
import io.userstream.standin.RandomUserStandIn;
import io.userstream.test.BrokerProcess;
import io.userstream.test.Repository;
import io.userstream.test.ServiceProcess;
import io.userstream.test.TestDatabase;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.yaml.snakeyaml.Yaml;

import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The compose cluster's security on broker processes: three brokers with the very settings of
 * {@code deploy/compose/kafka-cluster/security.properties}, set up by the very {@code kafka-init.sh}
 * (Kafka's command-line tools from the test class path). Each service, as its own SCRAM user, cannot
 * write another's topic, read another's input, or use another's group or transactional ids; and the
 * four packaged jars, each as its user, move users end to end, elect the schedule's owner, list and
 * replay dead letters and draw the pipeline page, and find every topic as they would declare it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaAclIT {

	private static final Path HOME = Path.of("target", "kafka-acl").toAbsolutePath();

	private static final Path SECURITY = Repository.root().resolve("deploy/compose/kafka-cluster/security.properties");

	private static final Path KUBERNETES_USERS = Repository.root().resolve("deploy/kubernetes/kafka-users.yaml");

	private static final Path INIT = Repository.root().resolve("deploy/compose/kafka-cluster/kafka-init.sh");

	private static final List<String> SERVICES = List.of("ingest-service", "timestamp-service", "label-service",
			"persist-service");

	private static final List<String> TOPICS = Stream.of(Topics.USERS_INFO, Topics.TIMESTAMP_TOPIC, Topics.LABEL_TOPIC)
		.flatMap(topic -> Stream.of(topic, Topics.deadLetterOf(topic), Topics.deadLetterOf(topic) + "-replays"))
		.collect(Collectors.toCollection(() -> new ArrayList<>(List.of("ingest-schedule"))));

	private static final List<String> GROUPS = List.of("ingest-schedule", "timestamp-service", "label-service",
			"persist-sink");

	/** A stage reads its input, its dead letters and their replay notes; persist's page reads every stage's dead letters. */
	private static final Map<String, Set<String>> READS = Map.of("ingest-service", Set.of("ingest-schedule"),
			"timestamp-service", Set.of("users_info", "users_info-dlt", "users_info-dlt-replays"),
			"label-service", Set.of("timestamp_topic", "timestamp_topic-dlt", "timestamp_topic-dlt-replays"),
			"persist-service", Set.of("label_topic", "label_topic-dlt", "label_topic-dlt-replays", "users_info-dlt",
					"timestamp_topic-dlt"));

	/** A stage writes its output, its dead letters, and, replaying them, its input and the replay notes. */
	private static final Map<String, Set<String>> WRITES = Map.of("ingest-service", Set.of("users_info"),
			"timestamp-service", Set.of("timestamp_topic", "users_info-dlt", "users_info", "users_info-dlt-replays"),
			"label-service", Set.of("label_topic", "timestamp_topic-dlt", "timestamp_topic", "timestamp_topic-dlt-replays"),
			"persist-service", Set.of("label_topic-dlt", "label_topic", "label_topic-dlt-replays"));

	/** Its own group; persist's page also reads the stream stages' positions. */
	private static final Map<String, Set<String>> GROUPS_SEEN = Map.of("ingest-service", Set.of("ingest-schedule"),
			"timestamp-service", Set.of("timestamp-service"), "label-service", Set.of("label-service"),
			"persist-service", Set.of("persist-sink", "timestamp-service", "label-service"));

	private static final String ADMIN_PASSWORD = "admin-" + UUID.randomUUID();

	private static final Duration READY = Duration.ofMinutes(3);

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Map<String, String> passwords = new HashMap<>();

	private static KafkaCluster cluster;

	private static String database;

	private static RandomUserStandIn standIn;

	private static ServiceProcess ingest;

	private static ServiceProcess timestamp;

	private static ServiceProcess label;

	private static ServiceProcess persist;

	@BeforeAll
	static void startSecuredClusterAndRunItsInitScript() throws Exception {
		FileSystemUtils.deleteRecursively(HOME.toFile());
		SERVICES.forEach(service -> passwords.put(service, service + "-" + UUID.randomUUID()));
		cluster = BrokerProcess.cluster(HOME.resolve("kafka"), 3, securitySettings(),
				List.of("--add-scram", "SCRAM-SHA-512=[name=admin,password=" + ADMIN_PASSWORD + "]"));
		runInitScript();
	}

	@AfterAll
	static void stop() {
		Stream.of(ingest, timestamp, label, persist).filter(Objects::nonNull).forEach(ServiceProcess::stop);
		if (standIn != null) {
			standIn.close();
		}
		if (cluster != null) {
			cluster.close();
		}
	}

	/**
	 * What each service may do on each topic and which groups it may see, as the brokers answer it: no
	 * grant beyond the ones its stage needs (every topic described, for the start-up check).
	 */
	@Test
	@Order(0)
	void eachServiceMayDoExactlyWhatItsStageNeedsOnEveryTopicAndGroup() throws Exception {
		for (String service : SERVICES) {
			try (Admin admin = Admin.create(client(service))) {
				Map<String, Set<AclOperation>> allowed = new TreeMap<>();
				admin.describeTopics(TOPICS, new DescribeTopicsOptions().includeAuthorizedOperations(true))
					.allTopicNames()
					.get(30, TimeUnit.SECONDS)
					.forEach((topic, description) -> allowed.put(topic, description.authorizedOperations()));
				Map<String, Set<AclOperation>> expected = new TreeMap<>();
				TOPICS.forEach(topic -> {
					Set<AclOperation> operations = EnumSet.of(AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS);
					if (READS.get(service).contains(topic)) {
						operations.add(AclOperation.READ);
					}
					if (WRITES.get(service).contains(topic)) {
						operations.add(AclOperation.WRITE);
					}
					expected.put(topic, operations);
				});
				assertThat(allowed).as(service + " on the topics").isEqualTo(expected);

				Set<String> visibleGroups = new TreeSet<>();
				admin.describeConsumerGroups(GROUPS).describedGroups().forEach((group, description) -> {
					try {
						description.get(30, TimeUnit.SECONDS);
						visibleGroups.add(group);
					}
					catch (ExecutionException ex) {
						if (!(ex.getCause() instanceof GroupAuthorizationException)) {
							visibleGroups.add(group);
						}
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				});
				assertThat(visibleGroups).as(service + " sees the groups").isEqualTo(new TreeSet<>(GROUPS_SEEN.get(service)));
			}
		}
	}

	@Test
	@Order(1)
	void aServiceCannotWriteAnotherServicesTopic() {
		assertWriteDenied("ingest-service", Topics.TIMESTAMP_TOPIC);
		assertWriteDenied("timestamp-service", Topics.LABEL_TOPIC);
		assertWriteDenied("label-service", Topics.USERS_INFO);
		assertWriteDenied("persist-service", Topics.USERS_INFO);
		assertWriteDenied("persist-service", Topics.deadLetterOf(Topics.USERS_INFO));
	}

	@Test
	@Order(2)
	void aServiceCannotReadAnotherServicesInputNorUseItsGroupOrTransactions() {
		assertThatExceptionOfType(TopicAuthorizationException.class)
			.isThrownBy(() -> read("label-service", "label-service", Topics.USERS_INFO));
		assertThatExceptionOfType(GroupAuthorizationException.class)
			.isThrownBy(() -> read("label-service", "timestamp-service", Topics.TIMESTAMP_TOPIC));
		assertThatExceptionOfType(GroupAuthorizationException.class)
			.isThrownBy(() -> read("timestamp-service", "persist-sink", Topics.USERS_INFO));
		assertThatExceptionOfType(GroupAuthorizationException.class)
			.as("persist-service may see label-service's group, not join it")
			.isThrownBy(() -> read("persist-service", "label-service", Topics.LABEL_TOPIC));
		Map<String, Object> transactional = new HashMap<>(client("label-service"));
		transactional.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "timestamp-service-" + UUID.randomUUID());
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(transactional, new StringSerializer(),
				new StringSerializer())) {
			assertThatExceptionOfType(TransactionalIdAuthorizationException.class).isThrownBy(producer::initTransactions);
		}
	}

	/** Kubernetes' KafkaUsers are the other place the ACLs are written: they must say what kafka-init.sh did. */
	@Test
	@Order(3)
	@SuppressWarnings("unchecked")
	void theKubernetesUsersHaveTheAclsTheInitScriptGave() throws Exception {
		Set<String> given;
		try (Admin admin = Admin.create(client("admin"))) {
			given = admin.describeAcls(AclBindingFilter.ANY).values().get().stream()
				.map(binding -> acl(binding.entry().principal(), binding.pattern().resourceType().name(),
						binding.pattern().name(), binding.pattern().patternType().name(), binding.entry().operation().name()))
				.collect(Collectors.toSet());
		}
		Set<String> declared = new HashSet<>();
		ObjectMapper mapper = new ObjectMapper();
		for (Object document : new Yaml().loadAll(Files.readString(KUBERNETES_USERS))) {
			KafkaUser user = mapper.convertValue(document, KafkaUser.class);
			for (AclRule rule : ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls()) {
				var resource = rule.getResource();
				String name = (String) resource.getClass().getMethod("getName").invoke(resource);
				String pattern = String.valueOf(resource.getClass().getMethod("getPatternType").invoke(resource));
				rule.getOperations().forEach(operation -> declared.add(acl("User:" + user.getMetadata().getName(),
						resource.getType(), name, pattern, operation.name())));
			}
		}
		assertThat(declared).as("deploy/kubernetes/kafka-users.yaml against kafka-init.sh").containsExactlyInAnyOrderElementsOf(given);
	}

	@Test
	@Order(4)
	void theFourServicesEachAsItsOwnUserRunThePipeline() throws Exception {
		database = TestDatabase.createAnother();
		standIn = RandomUserStandIn.start(0);
		persist = service("persist-service").withDatabase(database, TestDatabase.username(), TestDatabase.password());
		label = service("label-service").with("spring.kafka.streams.state-dir", HOME.resolve("state-label").toString());
		timestamp = service("timestamp-service").with("spring.kafka.streams.state-dir",
				HOME.resolve("state-timestamp").toString());
		ingest = service("ingest-service").with("randomuser.base-url", standIn.baseUrl())
			.with("ingest.schedule.interval", "1h")
			.with("ingest.schedule.count", "10");
		Stream.of(persist, label, timestamp, ingest).forEach(ServiceProcess::start);
		Stream.of(persist, label, timestamp, ingest).forEach(service -> service.awaitReady(READY));

		assertThat(ingest.post("/ingest/run", "{\"count\": 200}").statusCode()).isEqualTo(200);
		await().atMost(Duration.ofMinutes(2)).until(() -> rows() >= 210);
		assertThat(metric(ingest, "ingest.schedule.owner")).as("the schedule's election").isEqualTo(1);

		try (KafkaProducer<String, String> admin = new KafkaProducer<>(client("admin"), new StringSerializer(),
				new StringSerializer())) {
			for (String topic : List.of(Topics.USERS_INFO, Topics.TIMESTAMP_TOPIC, Topics.LABEL_TOPIC)) {
				admin.send(new ProducerRecord<>(topic, "poison", "not a user")).get(30, TimeUnit.SECONDS);
			}
		}
		Map<String, JsonNode> poisons = new HashMap<>();
		for (ServiceProcess stage : List.of(timestamp, label, persist)) {
			await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
				JsonNode listed = json.readTree(stage.get("/dead-letters").body()).path("deadLetters");
				assertThat(listed.valueStream().filter(deadLetter -> deadLetter.path("key").asString().equals("poison")))
					.as(stage.name() + " lists its dead letter: " + listed)
					.singleElement()
					.satisfies(deadLetter -> poisons.put(stage.name(), deadLetter));
			});
		}
		JsonNode poison = poisons.get("timestamp-service");
		JsonNode replay = json.readTree(timestamp.post("/dead-letters/replay", "{\"offsets\": [{\"partition\": "
				+ poison.path("partition").asInt() + ", \"offset\": " + poison.path("offset").asLong() + "}]}").body());
		assertThat(replay.path("replayed").asInt()).as(replay.toString()).isEqualTo(1);
		JsonNode pipeline = json.readTree(persist.get("/pipeline").body());
		assertThat(pipeline.path("kafkaError").isNull()).as(pipeline.toString()).isTrue();
		assertThat(pipeline.path("kafka").path("deadLetters").findValues("records"))
			.as("every stage's dead letters counted on the page: " + pipeline)
			.hasSize(3)
			.allSatisfy(records -> assertThat(records.asLong()).isPositive());

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Stream.of(ingest, timestamp, label, persist)
			.forEach(service -> assertThat(kafkaHealth(service).path("topicsNotAsConfigured").isObject())
				.as(service.name() + ": " + kafkaHealth(service))
				.isTrue()));
		Stream.of(ingest, timestamp, label, persist)
			.forEach(service -> assertThat(kafkaHealth(service).path("topicsNotAsConfigured").size())
				.as(service.name() + ": the topics kafka-init.sh created are the ones it would declare: " + kafkaHealth(service))
				.isZero());
		assertThat(rows()).isEqualTo(210);
	}

	/** One ACL in words both Kafka and Strimzi spell alike: no underscores, upper case, PREFIX for PREFIXED. */
	private static String acl(String principal, String resourceType, String name, String patternType, String operation) {
		return String.join(" ", principal, normal(resourceType), name, normal(patternType).replace("PREFIXED", "PREFIX"),
				normal(operation));
	}

	private static String normal(String word) {
		return word.replace("_", "").toUpperCase(Locale.ROOT);
	}

	private static Map<String, String> securitySettings() throws IOException {
		Properties security = new Properties();
		security.load(new StringReader(Files.readString(SECURITY).replace("${KAFKA_ADMIN_PASSWORD}", ADMIN_PASSWORD)));
		Map<String, String> settings = new HashMap<>();
		security.stringPropertyNames().forEach(name -> settings.put(name, security.getProperty(name)));
		return settings;
	}

	/** kafka-init.sh with Kafka's tools as its bin folder would have them: each a main class on this class path. */
	private static void runInitScript() throws IOException, InterruptedException {
		Path bin = Files.createDirectories(HOME.resolve("bin"));
		Map<String, String> tools = Map.of("kafka-configs.sh", "kafka.admin.ConfigCommand", "kafka-topics.sh",
				"org.apache.kafka.tools.TopicCommand", "kafka-acls.sh", "org.apache.kafka.tools.AclCommand");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		for (var tool : tools.entrySet()) {
			Path script = bin.resolve(tool.getKey());
			Files.writeString(script, "#!/bin/sh\nexec " + java
					+ " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -Dlog4j2.level=warn " + tool.getValue() + " \"$@\"\n");
			Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
		Path log = HOME.resolve("kafka-init.log");
		ProcessBuilder init = new ProcessBuilder("bash", INIT.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
		init.environment()
			.putAll(Map.of("KAFKA_BIN", bin.toString(), "CLASSPATH", System.getProperty("java.class.path"),
					"KAFKA_BOOTSTRAP_SERVERS", cluster.bootstrapServers(), "KAFKA_ADMIN_PASSWORD", ADMIN_PASSWORD,
					"USERSTREAM_TOPICS_PARTITIONS", "6", "USERSTREAM_TOPICS_REPLICAS", "3",
					"USERSTREAM_TOPICS_MIN_INSYNC_REPLICAS", "2"));
		init.environment()
			.putAll(Map.of("KAFKA_INGEST_PASSWORD", passwords.get("ingest-service"), "KAFKA_TIMESTAMP_PASSWORD",
					passwords.get("timestamp-service"), "KAFKA_LABEL_PASSWORD", passwords.get("label-service"),
					"KAFKA_PERSIST_PASSWORD", passwords.get("persist-service")));
		Process process = init.start();
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("kafka-init.sh ends").isTrue();
		assertThat(process.exitValue()).as("kafka-init.sh: " + Files.readString(log)).isZero();
	}

	private static ServiceProcess service(String name) {
		return ServiceProcess.ofModule(name)
			.with("spring.kafka.bootstrap-servers", cluster.bootstrapServers())
			.with("spring.kafka.security.protocol", "SASL_PLAINTEXT")
			.with("spring.kafka.properties.sasl.mechanism", "SCRAM-SHA-512")
			.with("spring.kafka.properties.sasl.jaas.config", jaas(name, passwords.get(name)))
			.with("spring.kafka.admin.auto-create", "false")
			.with("userstream.topics.replicas", "3")
			.with("userstream.topics.min-insync-replicas", "2");
	}

	private static Map<String, Object> client(String user) {
		return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
				CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT", SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512",
				SaslConfigs.SASL_JAAS_CONFIG, jaas(user, user.equals("admin") ? ADMIN_PASSWORD : passwords.get(user)),
				ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
	}

	private static String jaas(String user, String password) {
		return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
				+ password + "\";";
	}

	private static void assertWriteDenied(String user, String topic) {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(client(user), new StringSerializer(),
				new StringSerializer())) {
			assertThatExceptionOfType(ExecutionException.class)
				.as(user + " writing " + topic)
				.isThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS))
				.withCauseInstanceOf(TopicAuthorizationException.class);
		}
	}

	private static void read(String user, String group, String topic) {
		Map<String, Object> config = new HashMap<>(client(user));
		config.remove(ProducerConfig.MAX_BLOCK_MS_CONFIG);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(500));
			}
		}
	}

	private static JsonNode kafkaHealth(ServiceProcess service) {
		return json.readTree(service.getManagement("/actuator/health").body())
			.path("components")
			.path("kafka")
			.path("details");
	}

	private static double metric(ServiceProcess service, String name) {
		return json.readTree(service.getManagement("/actuator/metrics/" + name).body())
			.path("measurements")
			.get(0)
			.path("value")
			.asDouble();
	}

	private static long rows() {
		return UserTable.rows(database);
	}

}
