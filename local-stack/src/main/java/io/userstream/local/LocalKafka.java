package io.userstream.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.userstream.launcher.KafkaCluster;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * A single-node KRaft broker (broker and controller in one) inside this JVM, or with
 * {@code --local.kafka.brokers=3} a cluster of broker processes ({@link KafkaCluster}, started from this
 * stack's own jar), so one can be killed; data kept in {@code .local/kafka} between runs.
 */
@Component
class LocalKafka {

	private static final Logger logger = LoggerFactory.getLogger(LocalKafka.class);

	private static final String PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

	private final LocalProperties properties;

	private KafkaRaftServer server;

	private KafkaCluster cluster;

	LocalKafka(LocalProperties properties) {
		this.properties = properties;
	}

	void start() {
		LocalProperties.Kafka kafka = this.properties.kafka();
		if (kafka.brokers() > 1) {
			int[] ports = IntStream.range(0, kafka.brokers()).map(broker -> kafka.port() + 2 * broker).toArray();
			int[] controllerPorts = IntStream.range(0, kafka.brokers()).map(broker -> kafka.controllerPort() + 2 * broker).toArray();
			this.cluster = KafkaCluster.start(this.properties.kafkaDir().resolve("cluster"), ports, controllerPorts,
					javaMain(), clusterConfig(kafka), List.of(), this.properties.logsDir());
			logger.debug("Kafka cluster started on {}", kafka.bootstrapServers());
			return;
		}
		Path dir = this.properties.kafkaDir().toAbsolutePath();
		Map<String, Object> config = config(dir);
		format(dir);
		this.server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
		this.server.startup();
		logger.debug("Kafka started on {}", this.properties.kafka().bootstrapServers());
	}

	/** The broker processes by name, for the pid files; none for the broker inside this JVM. */
	Map<String, ProcessHandle> processes() {
		return (this.cluster != null) ? this.cluster.processes() : Map.of();
	}

	void stop() {
		if (this.cluster != null) {
			this.cluster.close();
			this.cluster = null;
		}
		if (this.server != null) {
			this.server.shutdown();
			this.server.awaitShutdown();
			this.server = null;
		}
	}

	private Map<String, Object> config(Path dir) {
		LocalProperties.Kafka kafka = this.properties.kafka();
		Map<String, Object> config = new HashMap<>();
		config.put("process.roles", "broker,controller");
		config.put("node.id", "1");
		config.put("controller.quorum.voters", "1@localhost:" + kafka.controllerPort());
		config.put("listeners", "PLAINTEXT://localhost:" + kafka.port() + ",CONTROLLER://localhost:" + kafka.controllerPort());
		config.put("advertised.listeners", "PLAINTEXT://localhost:" + kafka.port());
		config.put("controller.listener.names", "CONTROLLER");
		config.put("inter.broker.listener.name", "PLAINTEXT");
		config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		config.put("log.dirs", dir.toString());
		// One node: the offsets and transaction topics cannot wait for replicas that never come.
		config.put("offsets.topic.replication.factor", "1");
		config.put("transaction.state.log.replication.factor", "1");
		config.put("transaction.state.log.min.isr", "1");
		config.put("group.initial.rebalance.delay.ms", "0");
		// The services declare their topics; a typo must not create a new one.
		config.put("auto.create.topics.enable", "false");
		return config;
	}

	private static Map<String, String> clusterConfig(LocalProperties.Kafka kafka) {
		String replicas = String.valueOf(kafka.replicas());
		String minInsync = String.valueOf(kafka.minInsyncReplicas());
		return Map.of("offsets.topic.replication.factor", replicas, "transaction.state.log.replication.factor", replicas,
				"transaction.state.log.min.isr", minInsync, "default.replication.factor", replicas, "min.insync.replicas",
				minInsync, "group.initial.rebalance.delay.ms", "0", "auto.create.topics.enable", "false");
	}

	/**
	 * Kafka's main class with the kafka_2.13 jars this JVM runs with: from the stack's executable jar
	 * through Boot's {@code PropertiesLauncher}, or from a plain class path (in tests).
	 */
	private static KafkaCluster.JavaMain javaMain() {
		String classPath = System.getProperty("java.class.path");
		List<String> heap = List.of("-Xmx512m");
		if (!ClassUtils.isPresent(PROPERTIES_LAUNCHER, LocalKafka.class.getClassLoader())) {
			return KafkaCluster.JavaMain.classPath(classPath, heap);
		}
		return (mainClass, arguments) -> KafkaCluster.JavaMain
			.classPath(classPath, Stream.concat(heap.stream(), Stream.of("-Dloader.main=" + mainClass)).toList())
			.command(PROPERTIES_LAUNCHER, arguments);
	}

	/** Formats the log directory on the first run; a formatted one is reused as it is. */
	private void format(Path dir) {
		if (Files.exists(dir.resolve("meta.properties"))) {
			return;
		}
		try {
			Files.createDirectories(dir);
			new Formatter().setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
				.setNodeId(1)
				.setClusterId(Uuid.randomUuid().toString())
				.setControllerListenerName("CONTROLLER")
				.setMetadataLogDirectory(dir.toString())
				.addDirectory(dir.toString())
				.setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
				.run();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not format Kafka's data directory " + dir, ex);
		}
	}

}
