package io.userstream.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.userstream.test.Repository;
import org.apache.kafka.common.utils.AppInfoParser;
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

	private static Map<String, Map<String, Object>> services;

	private static final Map<String, ServiceJar> jars = new HashMap<>();

	@BeforeAll
	@SuppressWarnings("unchecked")
	static void readComposeFileAndJars() throws IOException {
		Map<String, Object> compose = new Yaml().load(Files.readString(Repository.root().resolve("docker-compose.yml")));
		services = (Map<String, Map<String, Object>>) compose.get("services");
		SERVICES.forEach(name -> jars.put(name, new ServiceJar(Repository.jar(name))));
	}

	@Test
	void everyContainerHasAHealthcheckAndWaitsForHealthyDependencies() {
		assertThat(services).containsKeys("kafka", "postgres").containsKeys(SERVICES.toArray(String[]::new));
		services.forEach((name, service) -> {
			assertThat(service).as(name).containsKey("healthcheck");
			assertThat(map(service.get("healthcheck")).get("test")).as(name + " healthcheck").isNotNull();
			map(service.getOrDefault("depends_on", Map.of())).forEach((dependency, condition) -> assertThat(
					map(condition).get("condition")).as(name + " -> " + dependency).isEqualTo("service_healthy"));
		});
		assertThat(map(services.get("persist-service").get("depends_on"))).containsKeys("kafka", "postgres");
	}

	@Test
	void scaledServicesPinNoContainerNameNorSingleHostPort() {
		SCALED.forEach(name -> {
			Map<String, Object> service = services.get(name);
			assertThat(service).as(name).doesNotContainKey("container_name");
			for (Object port : (List<?>) service.getOrDefault("ports", List.of())) {
				String[] parts = String.valueOf(port).split(":");
				assertThat(parts.length == 1 || parts[0].contains("-")).as(name + " publishes " + port).isTrue();
			}
		});
	}

	@Test
	void servicesAreBuiltFromTheSharedDockerfileAndCheckTheirOwnReadinessEndpoint() {
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
		SERVICES.forEach(name -> map(services.get(name).get("environment")).keySet()
			.forEach(variable -> assertThat(jars.get(name).reads(variable))
				.as("%s sets %s, which %s does not read", name, variable, name)
				.isTrue()));
	}

	@Test
	void imagesAreTheVersionsTheProjectUses() {
		assertThat(services.get("kafka").get("image")).isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
		assertThat(services.get("postgres").get("image")).isEqualTo("postgres:16");
	}

	@Test
	void envFileDefinesEveryVariableTheComposeFileUses() throws IOException {
		Properties env = new Properties();
		env.load(Files.newBufferedReader(Repository.root().resolve(".env")));
		Matcher variables = Pattern.compile("(?<!\\$)\\$\\{([A-Z0-9_]+)\\}")
			.matcher(Files.readString(Repository.root().resolve("docker-compose.yml")));
		while (variables.find()) {
			assertThat(env).as(".env").containsKey(variables.group(1));
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

}
