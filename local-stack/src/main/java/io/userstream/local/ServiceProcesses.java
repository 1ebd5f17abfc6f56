package io.userstream.local;

import java.net.URI;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.userstream.launcher.JarCommand;
import io.userstream.launcher.PackagedService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The four services as separate JVMs from their packaged jars, configured by environment variables
 * exactly as a deployment configures them, all with one API token; each logs to {@code .local/logs/<service>.log}. Like a
 * container runtime, it restarts a service whose process ends by itself (a stage that gave up exits
 * on purpose), waiting longer after each restart that did not last.
 */
@Component
class ServiceProcesses {

	private static final Logger logger = LoggerFactory.getLogger(ServiceProcesses.class);

	private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

	private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

	/** A service that ran this long before it ended starts over at the first backoff. */
	private static final Duration STABLE = Duration.ofMinutes(5);

	private final LocalProperties properties;

	private final Pids pids;

	private final Map<String, PackagedService> running = new LinkedHashMap<>();

	private final Map<String, Map<String, String>> configurations = new HashMap<>();

	private final Map<String, Restarts> restarts = new ConcurrentHashMap<>();

	private final String apiToken = newApiToken();

	private volatile boolean stopping;

	ServiceProcesses(LocalProperties properties, Pids pids) {
		this.properties = properties;
		this.pids = pids;
	}

	/** {@code java -jar <service>.jar migrate}, as a step that must exit 0 before the service starts. */
	void migrate(String name, Map<String, String> environment) {
		JarCommand.run(PackagedService.jarOf(this.properties.repository(), name), this.properties.javaOptions(),
				List.of("migrate"), environment, this.properties.logsDir().resolve(name + "-migrate.log"),
				this.properties.readyTimeout());
	}

	void start(String name, Map<String, String> environment) {
		PackagedService service = new PackagedService(name, PackagedService.jarOf(this.properties.repository(), name),
				port(this.properties.services(), name), port(this.properties.managementPorts(), name), this.apiToken,
				this.properties.logsDir().resolve(name + ".log"));
		Map<String, String> configuration = new HashMap<>(environment);
		configuration.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", this.properties.kafka().bootstrapServers());
		configuration.put("USERSTREAM_TOPICS_REPLICAS", String.valueOf(this.properties.kafka().replicas()));
		configuration.put("USERSTREAM_TOPICS_MIN_INSYNC_REPLICAS", String.valueOf(this.properties.kafka().minInsyncReplicas()));
		this.configurations.put(name, configuration);
		this.running.put(name, service);
		launch(name, service);
	}

	private void launch(String name, PackagedService service) {
		service.start(this.properties.javaOptions(), this.configurations.get(name));
		this.pids.record(name, service.handle());
	}

	/** Waits until every service's readiness endpoint answers UP; they start at once, so each gets {@code timeout}. */
	void awaitReady(Duration timeout) {
		this.running.values().forEach(service -> service.awaitReady(timeout));
	}

	private static String newApiToken() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Starts again, once its backoff has passed, each service whose process has ended by itself. */
	synchronized void restartExited() {
		long now = System.nanoTime();
		this.running.forEach((name, service) -> {
			OptionalInt exit = service.exitCode(Duration.ZERO);
			if (this.stopping || exit.isEmpty()) {
				return;
			}
			Restarts restarts = this.restarts.computeIfAbsent(name, any -> new Restarts());
			if (restarts.due(now, exit.getAsInt())) {
				logger.warn("{} exited with code {}; starting it again (restart {})", name, exit.getAsInt(),
						restarts.count + 1);
				launch(name, service);
				restarts.restarted(now);
			}
		});
	}

	/** The services restarted so far, for the progress line: empty while there were none. */
	String restartSummary() {
		return this.restarts.entrySet().stream().filter(entry -> entry.getValue().count > 0)
			.map(entry -> entry.getKey() + " x" + entry.getValue().count + " (exit " + entry.getValue().lastExit + ")")
			.collect(Collectors.joining(", "));
	}

	/** SIGTERM to all (each shuts down gracefully, in parallel), then waits; a straggler is killed. */
	synchronized void stopAll() {
		this.stopping = true;
		this.running.values().forEach(PackagedService::terminate);
		this.running.forEach((name, service) -> {
			service.stop();
			this.pids.forget(name);
		});
		this.running.clear();
	}

	URI uri(String name, String path) {
		return this.running.get(name).uri(path);
	}

	URI managementUri(String name, String path) {
		return this.running.get(name).managementUri(path);
	}

	/** The one token every service of this stack accepts, new for each start of the stack. */
	String apiToken() {
		return this.apiToken;
	}

	private static int port(Map<String, Integer> ports, String name) {
		Integer port = ports.get(name);
		if (port == null) {
			throw new IllegalArgumentException("No port for " + name + " in local.services or local.management-ports");
		}
		return port;
	}

	/** The body of a GET from a service's actuator, or null when it does not answer 200. */
	String getManagement(String name, String path) {
		HttpResponse<String> response = this.running.get(name).getManagement(path);
		return (response.statusCode() == 200) ? response.body() : null;
	}

	/** One service's restarts: the wait doubles after each one that did not last, up to a minute. */
	private static final class Restarts {

		private int count;

		private int lastExit;

		private long lastStart = System.nanoTime();

		private long exitSeen = -1;

		private Duration backoff = FIRST_BACKOFF;

		boolean due(long now, int exit) {
			if (this.exitSeen < 0) {
				this.exitSeen = now;
				this.lastExit = exit;
				if (now - this.lastStart > STABLE.toNanos()) {
					this.backoff = FIRST_BACKOFF;
				}
			}
			return now - this.exitSeen >= this.backoff.toNanos();
		}

		void restarted(long now) {
			this.count++;
			this.lastStart = now;
			this.exitSeen = -1;
			this.backoff = this.backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : this.backoff.multipliedBy(2);
		}

	}

}
