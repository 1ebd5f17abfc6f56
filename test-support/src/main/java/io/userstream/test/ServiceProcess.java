package io.userstream.test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged service jar running as its own JVM, as it is deployed: small heap, fast start, the
 * test's time zone, its log under {@code target/}. {@link #kill()} is a real {@code kill -9}.
 */
public final class ServiceProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final Path jar;

	private final Map<String, String> properties = new LinkedHashMap<>();

	private final List<String> jvmOptions = new ArrayList<>();

	private final int port;

	private final Path log;

	private Process process;

	private ServiceProcess(String name, Path jar) {
		this.name = name;
		this.jar = jar;
		this.port = freePort();
		this.log = Path.of("target", "processes", name + "-" + this.port + ".log");
		this.properties.put("server.port", String.valueOf(this.port));
		this.properties.put("spring.kafka.bootstrap-servers", TestKafka.bootstrapServers());
	}

	/** The jar Failsafe names in the {@code service.jar} system property (this module's own). */
	public static ServiceProcess ofThisModule(String name) {
		String jar = System.getProperty("service.jar");
		if (jar == null) {
			throw new IllegalStateException("service.jar is not set: run this test through Maven Failsafe");
		}
		return of(name, Path.of(jar));
	}

	public static ServiceProcess of(String name, Path jar) {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " does not exist: package the service first");
		}
		return new ServiceProcess(name, jar);
	}

	public ServiceProcess with(String property, String value) {
		this.properties.put(property, value);
		return this;
	}

	/** JVM options after the defaults, which they override (e.g. {@code -Xmx}, the JIT, the collector). */
	public ServiceProcess withJvmOptions(String... options) {
		this.jvmOptions.addAll(List.of(options));
		return this;
	}

	public ServiceProcess withDatabase() {
		return with("spring.datasource.url", TestDatabase.jdbcUrl()).with("spring.datasource.username", TestDatabase.username())
			.with("spring.datasource.password", TestDatabase.password());
	}

	public int port() {
		return this.port;
	}

	public URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	public Path log() {
		return this.log;
	}

	public synchronized ServiceProcess start() {
		if (this.process != null && this.process.isAlive()) {
			throw new IllegalStateException(this.name + " is already running");
		}
		List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
				"-XX:+UseSerialGC", "-Xss512k", "-Duser.timezone=" + System.getProperty("user.timezone", "UTC")));
		command.addAll(this.jvmOptions);
		this.properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
		command.add("-jar");
		command.add(this.jar.toString());
		try {
			Files.createDirectories(this.log.getParent());
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start " + this.name, ex);
		}
		return this;
	}

	/** Waits until {@code /actuator/health/readiness} answers UP; fails with the log's tail otherwise. */
	public ServiceProcess awaitReady(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited with " + this.process.exitValue() + ":\n" + logTail());
			}
			if (get("/actuator/health/readiness").statusCode() == 200) {
				return this;
			}
			sleep(Duration.ofMillis(250));
		}
		throw new IllegalStateException(this.name + " not ready after " + timeout + ":\n" + logTail());
	}

	/** A GET against the service; a status of -1 when it does not answer. */
	public HttpResponse<String> get(String path) {
		try {
			return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			return new NoResponse(uri(path));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public HttpResponse<String> post(String path, String json) {
		try {
			return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(5))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("POST " + path + " to " + this.name + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** {@code kill -9}: no shutdown hook runs, no transaction is finished. */
	public void kill() {
		if (this.process != null) {
			this.process.destroyForcibly();
			waitFor();
		}
	}

	/** SIGTERM: the graceful shutdown a deployment sends. */
	public void stop() {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			waitFor();
		}
	}

	@Override
	public void close() {
		kill();
	}

	public String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
		}
		catch (IOException ex) {
			return "(no log at " + this.log + ")";
		}
	}

	private void waitFor() {
		try {
			if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String javaBinary() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
