package io.userstream.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.userstream.launcher.KafkaCluster;

/**
 * Broker processes for the tests that kill one ({@link KafkaCluster}), from the kafka_2.13 jars on the
 * test class path, with the embedded test broker's settings ({@code embedded-broker.properties}). A
 * cluster of three keeps three copies of everything and needs two in sync, as production does.
 */
public final class BrokerProcess {

	private BrokerProcess() {
	}

	/** One node with its data under {@code dir}, formatted and started. */
	public static KafkaCluster start(Path dir) {
		return cluster(dir, 1, Map.of(), List.of());
	}

	/**
	 * {@code size} nodes; from three on, topics and the internal topics have three replicas and
	 * {@code min.insync.replicas} 2. {@code config} and {@code formatOptions} go to every node.
	 */
	public static KafkaCluster cluster(Path dir, int size, Map<String, String> config, List<String> formatOptions) {
		Map<String, String> settings = testBrokerSettings();
		if (size >= 3) {
			settings.putAll(Map.of("default.replication.factor", "3", "min.insync.replicas", "2",
					"offsets.topic.replication.factor", "3", "transaction.state.log.replication.factor", "3",
					"transaction.state.log.min.isr", "2"));
		}
		settings.putAll(config);
		return KafkaCluster.start(dir, size, KafkaCluster.JavaMain.classPath(System.getProperty("java.class.path"),
				List.of("-Xmx512m")), settings, formatOptions, Path.of("target", "processes"));
	}

	private static Map<String, String> testBrokerSettings() {
		Properties config = new Properties();
		try (InputStream testBroker = BrokerProcess.class.getResourceAsStream("/embedded-broker.properties")) {
			config.load(testBroker);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Map<String, String> settings = new HashMap<>();
		config.stringPropertyNames().forEach(name -> settings.put(name, config.getProperty(name)));
		return settings;
	}

}
