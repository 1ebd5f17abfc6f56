package io.userstream.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.userstream.launcher.PackagedService;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Everything the local stack can be told ({@code --local.*=...}); the defaults are in
 * {@code application.properties}.
 *
 * @param home the one folder the stack writes to: Kafka's data, an embedded database, logs, pid files
 * @param clean empty {@code home}, and drop the pipeline's database if this stack created it, before starting
 * @param repository where the service modules are, each with its packaged jar under {@code target/}
 * @param randomuser {@code standin} (offline, the default) or {@code real} (randomuser.me)
 * @param services each service's API port
 * @param managementPorts each service's actuator port, on 127.0.0.1
 * @param javaOptions each service's JVM options; by default {@link PackagedService#JVM_OPTIONS}, as in the tests
 */
@ConfigurationProperties("local")
record LocalProperties(Path home, boolean clean, Path repository, RandomUserSource randomuser, String realRandomuserUrl,
		int standinPort, Kafka kafka, Postgres postgres, Map<String, Integer> services, Map<String, Integer> managementPorts, List<String> javaOptions,
		Ingest ingest, Duration readyTimeout, Duration progressInterval) {

	LocalProperties {
		javaOptions = (javaOptions != null) ? javaOptions : PackagedService.JVM_OPTIONS;
	}

	enum RandomUserSource {

		STANDIN, REAL

	}

	/**
	 * @param port the first broker's client port; a cluster's further brokers take every second port on
	 * @param controllerPort the first broker's controller port; likewise
	 * @param brokers 1: one broker inside this JVM; 3: a cluster of broker processes, each of which can be
	 *        killed, with every topic on all three and two in sync required
	 */
	record Kafka(int port, int controllerPort, int brokers) {

		String bootstrapServers() {
			return IntStream.range(0, this.brokers)
				.mapToObj(broker -> "localhost:" + (this.port + 2 * broker))
				.collect(Collectors.joining(","));
		}

		/** Copies of each record: all brokers', at most three. */
		int replicas() {
			return Math.min(this.brokers, 3);
		}

		int minInsyncReplicas() {
			return (replicas() >= 3) ? 2 : 1;
		}

	}

	/**
	 * @param host the PostgreSQL server tried first
	 * @param username the owner: creates the database and runs persist-service's migrate step
	 * @param embeddedPort where the embedded fallback listens when that server does not answer
	 * @param runtimeRole the role persist-service connects as; its password is new on every start
	 */
	record Postgres(String host, int port, String database, String username, String password, int embeddedPort,
			String runtimeRole) {

	}

	record Ingest(Duration interval, int count) {

	}

	Path kafkaDir() {
		return this.home.resolve("kafka");
	}

	Path postgresDir() {
		return this.home.resolve("postgres");
	}

	Path logsDir() {
		return this.home.resolve("logs");
	}

	/** Which database this stack created itself, the only one a clean start drops. */
	Path createdDatabaseRecord() {
		return this.home.resolve("created-database");
	}

	Path pidsDir() {
		return this.home.resolve("pids");
	}

}
