package io.userstream.local;

import io.userstream.standin.RandomUserStandIn;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * Starts the pieces in dependency order, prints where everything is, then reports progress until
 * Ctrl-C, when {@link #destroy()} stops them in reverse order.
 */
@Component
class LocalStack implements ApplicationRunner, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(LocalStack.class);

	static final String LAUNCHER = "local-stack";

	private final LocalProperties properties;

	private final Pids pids;

	private final LocalKafka kafka;

	private final LocalPostgres postgres;

	private final ServiceProcesses services;

	private final Progress progress;

	private final ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor();

	private RandomUserStandIn standIn;

	LocalStack(LocalProperties properties, Pids pids, LocalKafka kafka, LocalPostgres postgres, ServiceProcesses services,
			Progress progress) {
		this.properties = properties;
		this.pids = pids;
		this.kafka = kafka;
		this.postgres = postgres;
		this.services = services;
		this.progress = progress;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		long started = System.nanoTime();
		this.pids.replacePrevious(LAUNCHER, LocalPostgres.POSTGRES);
		String createdDatabase = this.postgres.createdDatabase();
		if (this.properties.clean()) {
			logger.info("Clean start: emptying {}; the {} database goes only if this stack created it", this.properties.home(),
					this.properties.postgres().database());
			FileSystemUtils.deleteRecursively(this.properties.home());
		}
		this.pids.record(LAUNCHER, ProcessHandle.current());
		this.kafka.start();
		this.kafka.processes().forEach(this.pids::record);
		this.postgres.start(createdDatabase);
		String randomUserUrl = startRandomUser();
		startPersistAsRuntimeRole();
		this.services.start("label-service", Map.of());
		this.services.start("timestamp-service", Map.of());
		this.services.start("ingest-service", Map.of("RANDOMUSER_BASE_URL", randomUserUrl, "INGEST_SCHEDULE_ENABLED",
				"true", "INGEST_SCHEDULE_INTERVAL", this.properties.ingest().interval().toString(),
				"INGEST_SCHEDULE_COUNT", String.valueOf(this.properties.ingest().count())));
		this.services.awaitReady(this.properties.readyTimeout());
		printWhereEverythingIs(randomUserUrl, Duration.ofNanos(System.nanoTime() - started));
		long every = this.properties.progressInterval().toMillis();
		this.reporter.scheduleAtFixedRate(this.progress::report, every, every, TimeUnit.MILLISECONDS);
		this.reporter.scheduleWithFixedDelay(this.services::restartExited, 1, 1, TimeUnit.SECONDS);
	}

	/** The migrate step as the owner, then persist-service as the runtime role, with a password new on every start. */
	private void startPersistAsRuntimeRole() {
		String runtimeRole = this.properties.postgres().runtimeRole();
		String password = UUID.randomUUID().toString();
		this.services.migrate("persist-service", Map.of("SPRING_DATASOURCE_URL", this.postgres.jdbcUrl(),
				"SPRING_DATASOURCE_USERNAME", this.postgres.username(), "SPRING_DATASOURCE_PASSWORD",
				this.postgres.password(), "USERSTREAM_RUNTIMEROLE_NAME", runtimeRole, "USERSTREAM_RUNTIMEROLE_PASSWORD",
				password));
		this.services.start("persist-service", Map.of("SPRING_DATASOURCE_URL", this.postgres.jdbcUrl(),
				"SPRING_DATASOURCE_USERNAME", runtimeRole, "SPRING_DATASOURCE_PASSWORD", password));
	}

	private String startRandomUser() {
		if (this.properties.randomuser() == LocalProperties.RandomUserSource.REAL) {
			return this.properties.realRandomuserUrl();
		}
		this.standIn = RandomUserStandIn.start(this.properties.standinPort());
		return this.standIn.baseUrl();
	}

	private void printWhereEverythingIs(String randomUserUrl, Duration took) {
		String database = this.postgres.isEmbedded() ? "embedded, data in " + this.properties.postgresDir()
				: "the server at " + this.properties.postgres().host() + ":" + this.properties.postgres().port();
		Map<String, String> lines = new LinkedHashMap<>();
		lines.put("Kafka", this.properties.kafka().bootstrapServers() + "   (KRaft, " + this.properties.kafka().brokers()
				+ " broker(s), data in " + this.properties.kafkaDir() + ")");
		lines.put("PostgreSQL", this.postgres.jdbcUrl() + "   (owner " + this.postgres.username() + ", persist-service as "
				+ this.properties.postgres().runtimeRole() + "; " + database + ")");
		lines.put("randomuser", randomUserUrl
				+ ((this.standIn != null) ? "   (offline stand-in; --local.randomuser=real for randomuser.me)" : ""));
		lines.put("ingest-service", this.services.uri("ingest-service", "") + "   (POST /ingest/run; every "
				+ this.properties.ingest().interval().toSeconds() + " s " + this.properties.ingest().count() + " users)");
		lines.put("timestamp-service", this.services.uri("timestamp-service", "").toString());
		lines.put("label-service", this.services.uri("label-service", "").toString());
		lines.put("persist-service", this.services.uri("persist-service", "") + "   (GET /users, /users/stats)");
		lines.put("API token", this.services.apiToken() + "   (Authorization: Bearer <token>; new each start)");
		this.properties.managementPorts().keySet().forEach(name -> lines.put(name + " actuator",
				this.services.managementUri(name, "/actuator") + "   (health, prometheus, metrics; no token)"));
		lines.put("logs", this.properties.logsDir() + "/");
		StringBuilder text = new StringBuilder("userstream is up after " + took.toSeconds() + " s:\n");
		lines.forEach((name, where) -> text.append(String.format("  %-27s %s%n", name, where)));
		text.append("Progress every ").append(this.properties.progressInterval().toSeconds()).append(" s. Ctrl-C stops everything.");
		logger.info(text.toString());
	}

	@Override
	public void destroy() {
		logger.info("Stopping: services, randomuser stand-in, Kafka, PostgreSQL");
		this.reporter.shutdownNow();
		this.services.stopAll();
		if (this.standIn != null) {
			try {
				this.standIn.close();
			}
			catch (Exception ex) {
				logger.warn("The randomuser stand-in did not stop cleanly: {}", ex.getMessage());
			}
		}
		Map<String, ProcessHandle> brokers = this.kafka.processes();
		this.kafka.stop();
		brokers.keySet().forEach(this.pids::forget);
		this.postgres.stop();
		this.pids.forget(LAUNCHER);
		logger.info("Stopped");
	}

}
