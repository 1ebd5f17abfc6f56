package io.userstream.local;

import java.io.IOException;
import java.io.UncheckedIOException;
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

import org.springframework.stereotype.Component;

/**
 * The four services as separate JVMs from their packaged jars, configured by environment variables
 * exactly as a deployment configures them; each logs to {@code .local/logs/<service>.log}.
 */
@Component
class ServiceProcesses {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final LocalProperties properties;

	private final Pids pids;

	private final Map<String, Process> running = new LinkedHashMap<>();

	ServiceProcesses(LocalProperties properties, Pids pids) {
		this.properties = properties;
		this.pids = pids;
	}

	void start(String name, Map<String, String> environment) {
		Path jar = this.properties.repository().resolve(name).resolve("target").resolve(name + ".jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " does not exist: build it first (see README, Run it locally)");
		}
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(this.properties.javaOptions());
		command.add("-jar");
		command.add(jar.toAbsolutePath().toString());
		Path log = this.properties.logsDir().resolve(name + ".log");
		try {
			Files.createDirectories(log.getParent());
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
			builder.environment().put("SERVER_PORT", String.valueOf(port(name)));
			builder.environment().put("SPRING_KAFKA_BOOTSTRAP_SERVERS", this.properties.kafka().bootstrapServers());
			builder.environment().putAll(environment);
			Process process = builder.start();
			this.running.put(name, process);
			this.pids.record(name, process.toHandle());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + name, ex);
		}
	}

	/** Waits until every service's readiness endpoint answers UP. */
	void awaitReady(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		for (String name : this.running.keySet()) {
			while (status(name, "/actuator/health/readiness") != 200) {
				Process process = this.running.get(name);
				if (!process.isAlive()) {
					throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see "
							+ this.properties.logsDir().resolve(name + ".log"));
				}
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException(name + " not ready after " + timeout + "; see "
							+ this.properties.logsDir().resolve(name + ".log"));
				}
				sleep(Duration.ofMillis(500));
			}
		}
	}

	/** SIGTERM to all (each shuts down gracefully, in parallel), then waits; a straggler is killed. */
	void stopAll() {
		this.running.values().forEach(Process::destroy);
		this.running.forEach((name, process) -> {
			try {
				if (!process.waitFor(40, TimeUnit.SECONDS)) {
					process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
			this.pids.forget(name);
		});
		this.running.clear();
	}

	URI uri(String name, String path) {
		return URI.create("http://localhost:" + port(name) + path);
	}

	int port(String name) {
		Integer port = this.properties.services().get(name);
		if (port == null) {
			throw new IllegalArgumentException("No port for " + name + " in local.services");
		}
		return port;
	}

	/** The body of a GET, or null when the service does not answer 200. */
	String get(String name, String path) {
		try {
			HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(name, path))
				.timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
			return (response.statusCode() == 200) ? response.body() : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private int status(String name, String path) {
		return (get(name, path) != null) ? 200 : -1;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the services", ex);
		}
	}

}
