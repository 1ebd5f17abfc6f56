package io.userstream.local;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.userstream.launcher.PackagedService;

import org.springframework.stereotype.Component;

/**
 * The four services as separate JVMs from their packaged jars, configured by environment variables
 * exactly as a deployment configures them; each logs to {@code .local/logs/<service>.log}.
 */
@Component
class ServiceProcesses {

	private final LocalProperties properties;

	private final Pids pids;

	private final Map<String, PackagedService> running = new LinkedHashMap<>();

	ServiceProcesses(LocalProperties properties, Pids pids) {
		this.properties = properties;
		this.pids = pids;
	}

	void start(String name, Map<String, String> environment) {
		PackagedService service = new PackagedService(name, PackagedService.jarOf(this.properties.repository(), name),
				port(name), this.properties.logsDir().resolve(name + ".log"));
		Map<String, String> configuration = new HashMap<>(environment);
		configuration.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", this.properties.kafka().bootstrapServers());
		service.start(this.properties.javaOptions(), configuration);
		this.running.put(name, service);
		this.pids.record(name, service.handle());
	}

	/** Waits until every service's readiness endpoint answers UP; they start at once, so each gets {@code timeout}. */
	void awaitReady(Duration timeout) {
		this.running.values().forEach(service -> service.awaitReady(timeout));
	}

	/** SIGTERM to all (each shuts down gracefully, in parallel), then waits; a straggler is killed. */
	void stopAll() {
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

	private int port(String name) {
		Integer port = this.properties.services().get(name);
		if (port == null) {
			throw new IllegalArgumentException("No port for " + name + " in local.services");
		}
		return port;
	}

	/** The body of a GET, or null when the service does not answer 200. */
	String get(String name, String path) {
		HttpResponse<String> response = this.running.get(name).get(path);
		return (response.statusCode() == 200) ? response.body() : null;
	}

}
