package io.userstream.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A KRaft cluster of broker processes on this machine, each node a broker and a controller in a JVM of
 * its own, from the kafka_2.13 jars, so that one node can be killed with {@code kill -9} and started
 * again on its data at the same address. Clients use the {@code CLIENT} listener, which the brokers
 * also use among themselves; {@code config} adds to or overrides each node's settings (for example a
 * SASL listener: {@code listener.security.protocol.map}).
 */
public final class KafkaCluster implements AutoCloseable {

	private final List<Node> nodes = new ArrayList<>();

	private KafkaCluster(Path dir, int[] ports, int[] controllerPorts, JavaMain java, Map<String, String> config,
			Path logDir) {
		String voters = IntStream.range(0, ports.length)
			.mapToObj(node -> (node + 1) + "@localhost:" + controllerPorts[node])
			.collect(Collectors.joining(","));
		for (int node = 0; node < ports.length; node++) {
			int id = node + 1;
			this.nodes.add(new Node(id, ports[node], controllerPorts[node], dir.toAbsolutePath().resolve("kafka-node-" + id),
					logDir.resolve("kafka-node-" + id + "-" + ports[node] + ".log"), voters, java, config));
		}
	}

	/**
	 * Formats (unless already formatted) and starts {@code size} nodes with their data under {@code dir},
	 * and waits until each accepts connections.
	 */
	public static KafkaCluster start(Path dir, int size, JavaMain java, Map<String, String> config, List<String> formatOptions,
			Path logDir) {
		return start(dir, IntStream.range(0, size).map(node -> PackagedService.freePort()).toArray(),
				IntStream.range(0, size).map(node -> PackagedService.freePort()).toArray(), java, config, formatOptions, logDir);
	}

	/** The same on given ports: node {@code i} listens on {@code ports[i]} and {@code controllerPorts[i]}. */
	public static KafkaCluster start(Path dir, int[] ports, int[] controllerPorts, JavaMain java, Map<String, String> config,
			List<String> formatOptions, Path logDir) {
		KafkaCluster cluster = new KafkaCluster(dir, ports, controllerPorts, java, config, logDir);
		String clusterId = UUID.randomUUID().toString().substring(0, 22);
		cluster.nodes.forEach(node -> node.format(clusterId, formatOptions));
		cluster.nodes.forEach(Node::launch);
		cluster.nodes.forEach(node -> node.awaitListening(Duration.ofMinutes(2)));
		return cluster;
	}

	public String bootstrapServers() {
		return this.nodes.stream().map(node -> "localhost:" + node.port).collect(Collectors.joining(","));
	}

	public int size() {
		return this.nodes.size();
	}

	/** {@code kill -9} of node {@code id} (1 to size): nothing is flushed or handed over. */
	public void kill(int id) {
		node(id).kill();
	}

	/** Starts node {@code id} again on its data, at its address, and waits until it accepts connections. */
	public void restart(int id) {
		Node node = node(id);
		node.launch();
		node.awaitListening(Duration.ofMinutes(2));
	}

	/**
	 * The running nodes' processes by name ({@code kafka-node-<id>}, which their command lines contain),
	 * for a supervisor that records them.
	 */
	public Map<String, ProcessHandle> processes() {
		Map<String, ProcessHandle> processes = new LinkedHashMap<>();
		this.nodes.stream()
			.filter(node -> node.process != null)
			.forEach(node -> processes.put(node.dir.getFileName().toString(), node.process.toHandle()));
		return processes;
	}

	@Override
	public void close() {
		this.nodes.forEach(Node::kill);
	}

	private Node node(int id) {
		return this.nodes.get(id - 1);
	}

	/** How to run a Java main class with the kafka_2.13 jars on its class path. */
	@FunctionalInterface
	public interface JavaMain {

		List<String> command(String mainClass, List<String> arguments);

		/** This JVM's {@code java} with {@code classPath}, for example this JVM's own. */
		static JavaMain classPath(String classPath, List<String> jvmOptions) {
			return (mainClass, arguments) -> {
				List<String> command = new ArrayList<>();
				command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
				command.addAll(jvmOptions);
				command.add("-cp");
				command.add(classPath);
				command.add(mainClass);
				command.addAll(arguments);
				return command;
			};
		}

	}

	private static final class Node {

		private final int port;

		private final Path dir;

		private final Path log;

		private final JavaMain java;

		private final Path config;

		private Process process;

		private Node(int id, int port, int controllerPort, Path dir, Path log, String voters, JavaMain java,
				Map<String, String> overrides) {
			this.port = port;
			this.dir = dir;
			this.log = log;
			this.java = java;
			Map<String, String> config = new LinkedHashMap<>();
			config.put("process.roles", "broker,controller");
			config.put("node.id", String.valueOf(id));
			config.put("controller.quorum.voters", voters);
			config.put("listeners", "CLIENT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
			config.put("advertised.listeners", "CLIENT://localhost:" + port);
			config.put("inter.broker.listener.name", "CLIENT");
			config.put("controller.listener.names", "CONTROLLER");
			config.put("listener.security.protocol.map", "CLIENT:PLAINTEXT,CONTROLLER:PLAINTEXT");
			config.put("log.dirs", dir.resolve("data").toString());
			config.putAll(overrides);
			this.config = write(config);
		}

		private Path write(Map<String, String> config) {
			Properties properties = new Properties();
			properties.putAll(config);
			try {
				Path file = Files.createDirectories(this.dir).resolve("server.properties");
				try (Writer out = Files.newBufferedWriter(file)) {
					properties.store(out, "KafkaCluster node");
				}
				return file;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private void format(String clusterId, List<String> options) {
			List<String> arguments = new ArrayList<>(List.of("format", "--cluster-id", clusterId, "--config",
					this.config.toString(), "--ignore-formatted"));
			arguments.addAll(options);
			try {
				Files.createDirectories(this.log.toAbsolutePath().getParent());
				Process format = new ProcessBuilder(this.java.command("kafka.tools.StorageTool", arguments))
					.redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
					.start();
				if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
					format.destroyForcibly();
					throw new IllegalStateException("Could not format " + this.dir + "; see " + this.log);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not format " + this.dir, ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while formatting " + this.dir, ex);
			}
		}

		private synchronized void launch() {
			try {
				this.process = new ProcessBuilder(this.java.command("kafka.Kafka", List.of(this.config.toString())))
					.redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
					.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start the Kafka node in " + this.dir, ex);
			}
		}

		private synchronized void kill() {
			if (this.process != null) {
				this.process.destroyForcibly();
				try {
					this.process.waitFor(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				this.process = null;
			}
		}

		private void awaitListening(Duration timeout) {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (System.nanoTime() < deadline) {
				if (!this.process.isAlive()) {
					throw new IllegalStateException("The Kafka node exited with " + this.process.exitValue() + "; see " + this.log);
				}
				try (Socket socket = new Socket()) {
					socket.connect(new InetSocketAddress("localhost", this.port), 500);
					return;
				}
				catch (IOException notYet) {
					try {
						Thread.sleep(250);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						throw new IllegalStateException("Interrupted while waiting for the Kafka node", ex);
					}
				}
			}
			throw new IllegalStateException("The Kafka node did not listen within " + timeout + "; see " + this.log);
		}

	}

}
