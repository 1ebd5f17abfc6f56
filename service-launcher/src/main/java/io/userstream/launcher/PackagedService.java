package io.userstream.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A service's packaged jar run as its own JVM, as a deployment runs it: told its ports and its API token
 * by {@code SERVER_PORT}, {@code MANAGEMENT_SERVER_PORT} and {@code USERSTREAM_API_TOKEN}, its output in
 * one log file, ready when {@code /readyz} answers UP. Requests to the API carry the token; the actuator
 * is asked on the management port. The local stack and the tests start every service through this class.
 */
public final class PackagedService {

	/** Small heap, C1 only, the serial collector: a service starts fast and several share one machine. */
	public static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
			"-Xss512k");

	/** Past the services' own graceful shutdown phase (20 s), so a straggler is killed only when it hangs. */
	private static final Duration GRACE = Duration.ofSeconds(40);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final Path jar;

	private final int port;

	private final int managementPort;

	private final String apiToken;

	private final Path log;

	private Process process;

	public PackagedService(String name, Path jar, int port, int managementPort, String apiToken, Path log) {
		this.name = name;
		this.jar = packaged(jar);
		this.port = port;
		this.managementPort = managementPort;
		this.apiToken = apiToken;
		this.log = log;
	}

	/** A port nothing listens on now, for a process this machine starts next. */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Where the build puts a module's executable jar: {@code <repository>/<module>/target/<module>.jar}. */
	public static Path jarOf(Path repository, String module) {
		return packaged(repository.resolve(module).resolve("target").resolve(module + ".jar").toAbsolutePath());
	}

	private static Path packaged(Path jar) {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " does not exist: package it first (./mvnw -DskipTests package)");
		}
		return jar;
	}

	/**
	 * {@code java <jvmOptions> -jar <jar>} with the given environment on top of this one's. The first
	 * start empties the log; a restart appends to it, so that a crash and its recovery read as one.
	 */
	public synchronized void start(List<String> jvmOptions, Map<String, String> environment) {
		if (this.process != null && this.process.isAlive()) {
			throw new IllegalStateException(this.name + " is already running");
		}
		List<String> command = JarCommand.java(jvmOptions, this.jar, List.of());
		try {
			Files.createDirectories(this.log.toAbsolutePath().getParent());
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput((this.process != null) ? ProcessBuilder.Redirect.appendTo(this.log.toFile())
						: ProcessBuilder.Redirect.to(this.log.toFile()));
			builder.environment().put("SERVER_PORT", String.valueOf(this.port));
			builder.environment().put("MANAGEMENT_SERVER_PORT", String.valueOf(this.managementPort));
			builder.environment().put("USERSTREAM_API_TOKEN", this.apiToken);
			builder.environment().putAll(environment);
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + this.name, ex);
		}
	}

	/** Waits until {@code /readyz} answers UP; fails with the log's tail otherwise. */
	public void awaitReady(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (get(HttpRequest.newBuilder(uri("/readyz"))).statusCode() != 200) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited with " + this.process.exitValue() + "; the end of "
						+ this.log + ":\n" + logTail());
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						this.name + " not ready after " + timeout + "; the end of " + this.log + ":\n" + logTail());
			}
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + this.name, ex);
			}
		}
	}

	/** A GET against the service's API, with the token; a status of -1 when it does not answer. */
	public HttpResponse<String> get(String path) {
		return get(withToken(HttpRequest.newBuilder(uri(path))));
	}

	/** A GET against the actuator on the management port, such as {@code /actuator/prometheus}; -1 as above. */
	public HttpResponse<String> getManagement(String path) {
		return get(HttpRequest.newBuilder(managementUri(path)));
	}

	private static HttpResponse<String> get(HttpRequest.Builder request) {
		HttpRequest get = request.timeout(Duration.ofSeconds(5)).GET().build();
		try {
			return send(get);
		}
		catch (IOException ex) {
			return new NoResponse(get.uri());
		}
	}

	public HttpResponse<String> post(String path, String json) {
		try {
			return send(withToken(HttpRequest.newBuilder(uri(path))).timeout(Duration.ofMinutes(5))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("POST " + path + " to " + this.name + " failed", ex);
		}
	}

	private HttpRequest.Builder withToken(HttpRequest.Builder request) {
		return request.header("Authorization", "Bearer " + this.apiToken);
	}

	private static HttpResponse<String> send(HttpRequest request) throws IOException {
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** SIGTERM without waiting, so that several services shut down at once; {@link #stop()} then waits. */
	public void terminate() {
		if (this.process != null) {
			this.process.destroy();
		}
	}

	/** SIGTERM, the graceful shutdown a deployment sends; a service still running after the grace is killed. */
	public void stop() {
		terminate();
		awaitExit();
	}

	/** {@code kill -9}: no shutdown hook runs, no transaction is finished. */
	public void kill() {
		if (this.process != null) {
			this.process.destroyForcibly();
			awaitExit();
		}
	}

	private void awaitExit() {
		if (this.process == null) {
			return;
		}
		try {
			if (!this.process.waitFor(GRACE.toSeconds(), TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/** The exit code, once the process has ended by itself within {@code timeout}; empty while it runs. */
	public OptionalInt exitCode(Duration timeout) {
		try {
			return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? OptionalInt.of(this.process.exitValue())
					: OptionalInt.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return OptionalInt.empty();
		}
	}

	public ProcessHandle handle() {
		return this.process.toHandle();
	}

	public URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	public URI managementUri(String path) {
		return URI.create("http://localhost:" + this.managementPort + path);
	}

	public Path log() {
		return this.log;
	}

	private String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
		}
		catch (IOException ex) {
			return "(no log at " + this.log + ")";
		}
	}

}
