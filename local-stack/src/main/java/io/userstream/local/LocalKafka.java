package io.userstream.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * A single-node KRaft broker (broker and controller in one) inside this JVM, its data kept in
 * {@code .local/kafka} between runs.
 */
@Component
class LocalKafka {

	private static final Logger logger = LoggerFactory.getLogger(LocalKafka.class);

	private final LocalProperties properties;

	private KafkaRaftServer server;

	LocalKafka(LocalProperties properties) {
		this.properties = properties;
	}

	void start() {
		Path dir = this.properties.kafkaDir().toAbsolutePath();
		Map<String, Object> config = config(dir);
		format(dir);
		this.server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
		this.server.startup();
		logger.debug("Kafka started on {}", this.properties.kafka().bootstrapServers());
	}

	void stop() {
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
