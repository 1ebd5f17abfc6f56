package io.userstream.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import kafka.tools.StorageTool;

/**
 * A single-node KRaft broker in a JVM of its own, from the kafka_2.13 jars on the test classpath, so
 * that a test can {@code kill -9} it and start it again on its data, at the same address. It takes
 * the embedded test broker's settings ({@code embedded-broker.properties}).
 */
public final class BrokerProcess implements AutoCloseable {

	private final Path dir;

	private final int port = ServiceProcess.freePort();

	private final int controllerPort = ServiceProcess.freePort();

	private final Path log;

	private Process process;

	private BrokerProcess(Path dir) {
		this.dir = dir.toAbsolutePath();
		this.log = Path.of("target", "processes", "broker-" + this.port + ".log");
	}

	/** A broker with its data under {@code dir}, formatted and started. */
	public static BrokerProcess start(Path dir) {
		BrokerProcess broker = new BrokerProcess(dir);
		broker.format();
		return broker.restart();
	}

	public String bootstrapServers() {
		return "localhost:" + this.port;
	}

	/** Starts the broker on its existing data and waits until it accepts connections. */
	public synchronized BrokerProcess restart() {
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
				"-cp", System.getProperty("java.class.path"), "kafka.Kafka", config().toString());
		try {
			Files.createDirectories(this.log.getParent());
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the broker", ex);
		}
		awaitListening(Duration.ofMinutes(1));
		return this;
	}

	/** {@code kill -9}: nothing is flushed or handed over. */
	public synchronized void kill() {
		if (this.process != null) {
			this.process.destroyForcibly();
			try {
				this.process.waitFor(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void close() {
		kill();
	}

	private void format() {
		int status = StorageTool.execute(new String[] { "format", "--cluster-id", UUID.randomUUID().toString().substring(0, 22),
				"--config", config().toString(), "--ignore-formatted" }, new PrintStream(PrintStream.nullOutputStream()));
		if (status != 0) {
			throw new IllegalStateException("Could not format " + this.dir + " (status " + status + ")");
		}
	}

	private Path config() {
		Properties config = new Properties();
		try (InputStream testBroker = BrokerProcess.class.getResourceAsStream("/embedded-broker.properties")) {
			config.load(testBroker);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		config.setProperty("process.roles", "broker,controller");
		config.setProperty("node.id", "1");
		config.setProperty("controller.quorum.voters", "1@localhost:" + this.controllerPort);
		config.setProperty("listeners", "PLAINTEXT://localhost:" + this.port + ",CONTROLLER://localhost:" + this.controllerPort);
		config.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + this.port);
		config.setProperty("controller.listener.names", "CONTROLLER");
		config.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		config.setProperty("log.dirs", this.dir.resolve("data").toString());
		Path file = this.dir.resolve("server.properties");
		try (Writer out = Files.newBufferedWriter(Files.createDirectories(this.dir).resolve("server.properties"))) {
			config.store(out, "BrokerProcess");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return file;
	}

	private void awaitListening(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The broker exited with " + this.process.exitValue() + "; see " + this.log);
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("localhost", this.port), 500);
				return;
			}
			catch (IOException notYet) {
				LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
			}
		}
		throw new IllegalStateException("The broker did not listen within " + timeout + "; see " + this.log);
	}

}
