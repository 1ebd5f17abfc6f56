package io.userstream.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.userstream.test.Repository;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml cannot drift from the code: what it sets, waits on and checks is compared with
 * what the packaged services actually read and serve. ({@code .ci/compose-check} validates the
 * file's syntax with docker-compose itself.)
 */
class ComposeFileIT {

	private static final List<String> SERVICES = List.of("ingest-service", "timestamp-service", "label-service",
			"persist-service");

	private static final Set<String> SCALED = Set.of("timestamp-service", "label-service", "persist-service");

	/** The one-shot container that migrates the schema before persist-service starts. */
	private static final String MIGRATION = "persist-migrate";

	/** The optional containers and the profile that starts each. */
	private static final Map<String, String> PROFILED = Map.of("prometheus", "monitoring", "grafana", "monitoring",
			"kafka-ui", "kafka-ui");

	private static Map<String, Object> compose;

	private static Map<String, Map<String, Object>> services;

	private static final Map<String, ServiceJar> jars = new HashMap<>();

	@BeforeAll
	@SuppressWarnings("unchecked")
	static void readComposeFileAndJars() throws IOException {
		compose = new Yaml().load(Files.readString(Repository.root().resolve("docker-compose.yml")));
		services = (Map<String, Map<String, Object>>) compose.get("services");
		SERVICES.forEach(name -> jars.put(name, new ServiceJar(Repository.jar(name))));
	}

	@Test
	void everyLongRunningContainerHasAHealthcheckAndWaitsForItsDependencies() {
		assertThat(services).containsKeys("kafka", "postgres", MIGRATION).containsKeys(SERVICES.toArray(String[]::new));
		services.forEach((name, service) -> {
			if (!name.equals(MIGRATION)) {
				assertThat(service).as(name).containsKey("healthcheck");
				assertThat(map(service.get("healthcheck")).get("test")).as(name + " healthcheck").isNotNull();
				assertThat(service.get("restart")).as(name).isEqualTo("unless-stopped");
			}
			map(service.getOrDefault("depends_on", Map.of())).forEach((dependency, condition) -> assertThat(
					map(condition).get("condition")).as(name + " -> " + dependency)
				.isEqualTo(dependency.equals(MIGRATION) ? "service_completed_successfully" : "service_healthy"));
		});
		assertThat(map(services.get("persist-service").get("depends_on"))).containsKeys("kafka", MIGRATION);
		assertThat(map(services.get(MIGRATION).get("depends_on"))).containsKeys("postgres");
	}

	@Test
	void theMigrationRunsAsTheOwnerAndPersistServiceAsTheRuntimeRole() {
		Map<String, Object> migration = services.get(MIGRATION);
		Map<String, Object> persist = services.get("persist-service");
		assertThat(migration.get("build")).isEqualTo(persist.get("build"));
		assertThat(migration.get("image")).isEqualTo(persist.get("image"));
		assertThat(migration.get("command")).isEqualTo(List.of("migrate"));
		assertThat(map(migration.get("environment"))).containsEntry("SPRING_DATASOURCE_USERNAME", "${POSTGRES_USER}")
			.containsEntry("USERSTREAM_RUNTIMEROLE_NAME", "${USERSTREAM_RUNTIMEROLE_NAME}");
		assertThat(map(persist.get("environment")))
			.containsEntry("SPRING_DATASOURCE_USERNAME", "${USERSTREAM_RUNTIMEROLE_NAME}")
			.containsEntry("SPRING_DATASOURCE_PASSWORD", "${USERSTREAM_RUNTIMEROLE_PASSWORD}");
		assertThat(map(migration.get("environment")).get("SPRING_DATASOURCE_URL"))
			.isEqualTo(map(persist.get("environment")).get("SPRING_DATASOURCE_URL"));
	}

	/** What docker-compose itself makes of the file and .env: every published port is bound to loopback. */
	@Test
	void hostPortsArePublishedOnLoopbackOnlyAndManagementPortsNever() throws Exception {
		Map<String, Map<String, Object>> resolved = resolvedServices();
		assertThat(resolved).as("services with every profile").containsKeys(PROFILED.keySet().toArray(String[]::new));
		assertThat(resolved.get("prometheus")).as("prometheus").doesNotContainKey("ports");
		Set<String> managementPorts = new HashSet<>();
		SERVICES.forEach(name -> managementPorts.add(jars.get(name).applicationProperty("management.server.port")));
		resolved.forEach((name, service) -> {
			for (Object port : (List<?>) service.getOrDefault("ports", List.of())) {
				String hostIp;
				String target;
				if (port instanceof Map<?, ?> longSyntax) {
					hostIp = String.valueOf(longSyntax.get("host_ip"));
					target = String.valueOf(longSyntax.get("target"));
				}
				else {
					String[] parts = String.valueOf(port).replaceFirst("/tcp$", "").split(":");
					hostIp = (parts.length == 3) ? parts[0] : "";
					target = parts[parts.length - 1];
				}
				assertThat(hostIp).as(name + " publishes " + port).isEqualTo("127.0.0.1");
				assertThat(managementPorts).as(name + " publishes " + port).doesNotContain(target);
			}
		});
	}

	@Test
	@SuppressWarnings("unchecked")
	void kafkaKeepsItsLogsInANamedVolume() {
		Map<String, Object> kafka = services.get("kafka");
		String logDirs = String.valueOf(map(kafka.get("environment")).get("KAFKA_LOG_DIRS"));
		assertThat((List<Object>) kafka.get("volumes")).contains("kafka-data:" + logDirs);
		assertThat(map(compose.get("volumes"))).containsKeys("kafka-data", "postgres-data");
	}

	@Test
	void servicesStopGracefullyWithinLimitsAndRotateTheirLogs() {
		services.forEach((name, service) -> {
			assertThat(service).as(name).containsKeys("mem_limit", "logging");
			assertThat(map(map(service.get("logging")).get("options"))).as(name).containsKeys("max-size", "max-file");
		});
		SERVICES.forEach(name -> {
			Duration shutdownPhase = Duration
				.parse("PT" + jars.get(name).applicationProperty("spring.lifecycle.timeout-per-shutdown-phase"));
			Duration grace = Duration.parse("PT" + services.get(name).get("stop_grace_period"));
			assertThat(grace).as(name + " stop_grace_period").isGreaterThan(shutdownPhase);
		});
	}

	@Test
	void servicesTakeTheirMemoryAndJvmFromEnv() throws IOException {
		SERVICES.forEach(name -> {
			assertThat(services.get(name).get("mem_limit")).as(name).isEqualTo("${SERVICE_MEMORY_LIMIT}");
			assertThat(map(map(services.get(name).get("build")).get("args"))).as(name)
				.containsEntry("SERVICE_JAVA_OPTIONS", "${SERVICE_JAVA_OPTIONS}");
		});
		assertThat(Files.readString(Repository.root().resolve("Dockerfile")))
			.contains("ENV JAVA_TOOL_OPTIONS=\"$SERVICE_JAVA_OPTIONS\"");
	}

	@Test
	void scaledServicesPinNoContainerNameNorSingleHostPort() {
		SCALED.forEach(name -> {
			Map<String, Object> service = services.get(name);
			assertThat(service).as(name).doesNotContainKey("container_name");
			for (Object port : (List<?>) service.getOrDefault("ports", List.of())) {
				String[] parts = String.valueOf(port).split(":");
				assertThat(parts.length == 1 || parts[parts.length - 2].contains("-")).as(name + " publishes " + port)
					.isTrue();
			}
		});
	}

	@Test
	void servicesAreBuiltFromTheSharedDockerfileAndCheckReadinessOnTheirManagementPort() {
		SERVICES.forEach(name -> {
			Map<String, Object> build = map(services.get(name).get("build"));
			assertThat(map(build.get("args")).get("SERVICE")).as(name).isEqualTo(name);
			assertThat(build.getOrDefault("dockerfile", "Dockerfile")).as(name).isEqualTo("Dockerfile");
			String port = jars.get(name).applicationProperty("management.server.port");
			assertThat(String.valueOf(map(services.get(name).get("healthcheck")).get("test")))
				.as(name + " healthcheck").contains("http://localhost:" + port + "/actuator/health/readiness");
		});
	}

	@Test
	void everyEnvironmentVariableIsOneTheServiceReads() {
		SERVICES.forEach(name -> assertReads(name, name));
		assertReads(MIGRATION, "persist-service");
	}

	private static void assertReads(String container, String service) {
		map(services.get(container).get("environment")).keySet()
			.forEach(variable -> assertThat(jars.get(service).reads(variable))
				.as("%s sets %s, which %s does not read", container, variable, service)
				.isTrue());
	}

	@Test
	void everyServiceExportsEachSpanToJaegerAndLogsJsonLinesWithItsTrace() {
		assertThat(services.get("jaeger").get("image")).asString().matches("jaegertracing/all-in-one:[0-9]+\\.[0-9]+\\.[0-9]+");
		SERVICES.forEach(name -> assertThat(map(services.get(name).get("environment"))).as(name)
			.containsEntry("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "1.0")
			.containsEntry("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", "http://jaeger:4318/v1/traces")
			.containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs"));
	}

	@Test
	void imagesAreTheVersionsTheProjectUses() {
		assertThat(services.get("kafka").get("image")).isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
		assertThat(services.get("postgres").get("image")).isEqualTo("postgres:16");
	}

	@Test
	void monitoringAndKafkaUiStartOnlyUnderTheirProfilesFromPinnedImages() {
		PROFILED.forEach((name, profile) -> {
			assertThat(services.get(name).get("profiles")).as(name + " profiles").isEqualTo(List.of(profile));
			assertThat(String.valueOf(services.get(name).get("image"))).as(name + " image")
				.matches("[a-z0-9./-]+:v?[0-9]+\\.[0-9]+\\.[0-9]+");
		});
	}

	@Test
	void grafanaAndKafkaUiTakeTheirLoginsFromTheEnvFileAndLetNoOneInAnonymously() {
		assertThat(map(services.get("grafana").get("environment")))
			.containsEntry("GF_SECURITY_ADMIN_USER", "${GRAFANA_ADMIN_USER}")
			.containsEntry("GF_SECURITY_ADMIN_PASSWORD", "${GRAFANA_ADMIN_PASSWORD}")
			.containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "false")
			.containsEntry("GF_USERS_ALLOW_SIGN_UP", "false");
		assertThat(map(services.get("kafka-ui").get("environment"))).containsEntry("AUTH_TYPE", "LOGIN_FORM")
			.containsEntry("SPRING_SECURITY_USER_NAME", "${KAFKA_UI_USER}")
			.containsEntry("SPRING_SECURITY_USER_PASSWORD", "${KAFKA_UI_PASSWORD}")
			.containsEntry("KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS",
					map(services.get("ingest-service").get("environment")).get("SPRING_KAFKA_BOOTSTRAP_SERVERS"));
	}

	/**
	 * Prometheus gets the repository's configuration, which finds every replica of each service by its
	 * compose name and scrapes the management port, path and address the service really uses.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void prometheusScrapesEveryReplicaOfEveryServiceOnItsManagementPort() throws Exception {
		Map<String, Map<String, Object>> resolved = resolvedServices();
		Path configuration = Repository.root().resolve("monitoring/prometheus");
		assertThat((List<String>) resolved.get("prometheus").get("volumes"))
			.contains(configuration + ":/etc/prometheus:ro");
		assertThat((List<String>) resolved.get("prometheus").get("command"))
			.contains("--config.file=/etc/prometheus/prometheus.yml");
		Map<String, Object> prometheus = new Yaml().load(Files.readString(configuration.resolve("prometheus.yml")));
		List<Map<String, Object>> scrapes = (List<Map<String, Object>>) prometheus.get("scrape_configs");
		SERVICES.forEach(name -> {
			ServiceJar jar = jars.get(name);
			assertThat(scrapes).as("a scrape of " + name).anySatisfy(scrape -> {
				assertThat(scrape.get("metrics_path")).isEqualTo("/actuator/prometheus");
				assertThat((List<Map<String, Object>>) scrape.get("dns_sd_configs")).singleElement().satisfies(dns -> {
					assertThat(dns.get("names")).isEqualTo(List.of(name));
					assertThat(dns.get("type")).isEqualTo("A");
					assertThat(String.valueOf(dns.get("port"))).isEqualTo(jar.applicationProperty("management.server.port"));
				});
			});
			assertThat(map(resolved.get(name).get("environment"))).as(name)
				.containsEntry("MANAGEMENT_SERVER_ADDRESS", "0.0.0.0");
		});
	}

	@Test
	@SuppressWarnings("unchecked")
	void grafanaGetsItsDataSourceAndTheDashboardsFromTheRepository() throws Exception {
		Map<String, Map<String, Object>> resolved = resolvedServices();
		Path grafana = Repository.root().resolve("monitoring/grafana");
		Map<String, Object> provider = ((List<Map<String, Object>>) new Yaml()
			.<Map<String, Object>>load(Files.readString(grafana.resolve("provisioning/dashboards/userstream.yml")))
			.get("providers")).get(0);
		assertThat((List<String>) resolved.get("grafana").get("volumes")).contains(
				grafana.resolve("provisioning") + ":/etc/grafana/provisioning:ro",
				grafana.resolve("dashboards") + ":" + map(provider.get("options")).get("path") + ":ro");
		Map<String, Object> dataSource = ((List<Map<String, Object>>) new Yaml()
			.<Map<String, Object>>load(Files.readString(grafana.resolve("provisioning/datasources/prometheus.yml")))
			.get("datasources")).get(0);
		assertThat(dataSource).containsEntry("type", "prometheus").containsEntry("url", "http://prometheus:9090");
	}

	@Test
	void envFileDefinesEveryVariableTheComposeFilesUse() throws IOException {
		Properties env = Repository.dotEnv();
		for (String file : List.of("docker-compose.yml", "docker-compose.cluster.yml")) {
			Matcher variables = Pattern.compile("(?<!\\$)\\$\\{([A-Z0-9_]+)\\}")
				.matcher(Files.readString(Repository.root().resolve(file)));
			while (variables.find()) {
				assertThat(env).as(file + ": .env").containsKey(variables.group(1));
			}
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void inTheClusterEachServiceAuthenticatesAsItsOwnUserAndReadsWhatItIsGiven() throws IOException, InterruptedException {
		Map<String, Map<String, Object>> cluster = (Map<String, Map<String, Object>>) new Yaml()
			.<Map<String, Object>>load(dockerComposeConfig("-f", "docker-compose.yml", "-f", "docker-compose.cluster.yml"))
			.get("services");
		assertThat(cluster).containsKeys("kafka", "kafka-2", "kafka-3", "kafka-init");
		Map<String, Object> init = map(cluster.get("kafka-init").get("environment"));
		for (String name : SERVICES) {
			Map<String, Object> environment = map(cluster.get(name).get("environment"));
			environment.keySet()
				.forEach(variable -> assertThat(jars.get(name).reads(variable))
					.as("the cluster sets %s on %s, which it does not read", variable, name)
					.isTrue());
			String password = String.valueOf(init.get("KAFKA_" + name.replace("-service", "").toUpperCase() + "_PASSWORD"));
			assertThat(environment.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG")).as(name)
				.isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + name
						+ "\" password=\"" + password + "\";");
			assertThat(environment).containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:29092,kafka-2:29092,kafka-3:29092")
				.containsEntry("USERSTREAM_TOPICS_REPLICAS", init.get("USERSTREAM_TOPICS_REPLICAS"))
				.containsEntry("USERSTREAM_TOPICS_MIN_INSYNC_REPLICAS", init.get("USERSTREAM_TOPICS_MIN_INSYNC_REPLICAS"))
				.containsEntry("USERSTREAM_TOPICS_PARTITIONS", init.get("USERSTREAM_TOPICS_PARTITIONS"));
			assertThat(map(map(cluster.get(name).get("depends_on")).get("kafka-init")).get("condition"))
				.isEqualTo("service_completed_successfully");
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> resolvedServices() throws IOException, InterruptedException {
		return (Map<String, Map<String, Object>>) new Yaml().<Map<String, Object>>load(dockerComposeConfig())
			.get("services");
	}

	/** With every profile, so the optional containers are resolved too; {@code files}: {@code -f} options. */
	private static String dockerComposeConfig(String... files) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("docker-compose"));
		command.addAll(List.of(files));
		new TreeSet<>(PROFILED.values()).forEach(profile -> command.addAll(List.of("--profile", profile)));
		command.add("config");
		Process config;
		try {
			config = new ProcessBuilder(command).directory(Repository.root().toFile()).start();
		}
		catch (IOException ex) {
			Assumptions.abort("docker-compose is not installed (.ci/compose-check installs it): " + ex.getMessage());
			throw ex;
		}
		String resolved = new String(config.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(config.waitFor()).as(new String(config.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
			.isZero();
		return resolved;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

}
