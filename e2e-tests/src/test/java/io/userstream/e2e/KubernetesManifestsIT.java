package io.userstream.e2e;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.userstream.test.Repository;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/kubernetes cannot drift from the code, though no cluster runs here: every resource the
 * kustomization lists is read into its typed model (fabric8's Kubernetes model, Strimzi's API), a
 * field either model does not know fails (it lands in an {@code additionalProperties} map, looked for
 * everywhere in the resource), and what the Deployments set and probe is compared, as
 * {@link ComposeFileIT} does for compose, with what the packaged services read and serve.
 */
class KubernetesManifestsIT {

	private static final Path BASE = Repository.root().resolve("deploy/kubernetes");

	private static final List<String> SERVICES = List.of("ingest-service", "timestamp-service", "label-service",
			"persist-service");

	private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of("ConfigMap", ConfigMap.class, "Secret",
			Secret.class, "Deployment", Deployment.class, "Service", Service.class, "PodDisruptionBudget",
			PodDisruptionBudget.class, "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class, "Kafka", Kafka.class,
			"KafkaNodePool", KafkaNodePool.class, "KafkaTopic", KafkaTopic.class, "KafkaUser", KafkaUser.class);

	private static final ObjectMapper mapper = new ObjectMapper()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

	private static final List<HasMetadata> resources = new ArrayList<>();

	private static final Map<String, ServiceJar> jars = new HashMap<>();

	@BeforeAll
	@SuppressWarnings("unchecked")
	static void readEveryResourceAndTheJars() throws IOException {
		for (String file : kustomization()) {
			for (Object document : new Yaml().loadAll(Files.readString(BASE.resolve(file)))) {
				Map<String, Object> resource = (Map<String, Object>) document;
				Class<? extends HasMetadata> type = KINDS.get((String) resource.get("kind"));
				assertThat(type).as(file + ": a kind this test knows: " + resource.get("kind")).isNotNull();
				resources.add(mapper.convertValue(resource, type));
			}
		}
		SERVICES.forEach(name -> jars.put(name, new ServiceJar(Repository.jar(name))));
	}

	@Test
	void theKustomizationListsEveryFileInTheFolder() throws IOException {
		try (Stream<Path> files = Files.list(BASE)) {
			assertThat(files.map(file -> file.getFileName().toString())
				.filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml")))
				.containsExactlyInAnyOrderElementsOf(kustomization());
		}
	}

	@Test
	void noResourceHasAFieldItsModelDoesNotKnow() {
		assertThat(resources).hasSizeGreaterThan(20);
		resources.forEach(resource -> assertNoUnknownFields(resource,
				resource.getKind() + " " + resource.getMetadata().getName()));
	}

	@Test
	void eachServiceIsDeployedWithItsPortsProbesAndTheServiceMemoryLimit() throws IOException {
		String serviceMemory = Repository.dotEnv().getProperty("SERVICE_MEMORY_LIMIT");
		for (String name : SERVICES) {
			Container container = container(name);
			ServiceJar jar = jars.get(name);
			Map<String, Integer> ports = container.getPorts().stream()
				.collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
			assertThat(ports).as(name)
				.containsEntry("http", Integer.valueOf(jar.applicationProperty("server.port")))
				.containsEntry("management", Integer.valueOf(jar.applicationProperty("management.server.port")));
			assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
			assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
			assertThat(Stream.of(container.getReadinessProbe(), container.getLivenessProbe(), container.getStartupProbe())
				.map(probe -> probe.getHttpGet().getPort().getStrVal())).as(name + " probes").containsOnly("management");
			assertThat(container.getResources().getLimits().get("memory")).as(name + ": .env's SERVICE_MEMORY_LIMIT")
				.isEqualTo(new Quantity(serviceMemory.replace("m", "Mi")));
			assertThat(container.getResources().getRequests().get("memory")).isEqualTo(container.getResources()
				.getLimits()
				.get("memory"));
			assertThat(byKind(Service.class).filter(service -> service.getMetadata().getName().equals(name + "-management")))
				.singleElement()
				.satisfies(service -> assertThat(service.getSpec().getPorts().get(0).getPort())
					.isEqualTo(ports.get("management")));
			assertThat(byKind(PodDisruptionBudget.class).map(budget -> budget.getMetadata().getName())).contains(name);
			assertThat(byKind(HorizontalPodAutoscaler.class).map(scaler -> scaler.getMetadata().getName())).contains(name);
		}
	}

	@Test
	void everyEnvironmentVariableIsOneTheServiceReads() {
		ConfigMap config = byKind(ConfigMap.class).findFirst().orElseThrow();
		for (String name : SERVICES) {
			Deployment deployment = deployment(name);
			List<Container> containers = new ArrayList<>(deployment.getSpec().getTemplate().getSpec().getContainers());
			containers.addAll(deployment.getSpec().getTemplate().getSpec().getInitContainers());
			containers.forEach(container -> {
				Set<String> variables = new TreeSet<>(container.getEnv().stream().map(EnvVar::getName).toList());
				if (container.getEnvFrom().stream().anyMatch(source -> source.getConfigMapRef() != null)) {
					variables.addAll(config.getData().keySet().stream()
						.filter(variable -> !variable.startsWith("INGEST_") && !variable.startsWith("RANDOMUSER_")
								|| name.equals("ingest-service"))
						.toList());
				}
				variables.forEach(variable -> assertThat(jars.get(name).reads(variable))
					.as("%s's %s sets %s, which it does not read", name, container.getName(), variable)
					.isTrue());
			});
		}
	}

	@Test
	void persistServiceMigratesAsTheOwnerBeforeItStartsAsTheRuntimeRole() {
		Deployment persist = deployment("persist-service");
		Container migrate = persist.getSpec().getTemplate().getSpec().getInitContainers().get(0);
		assertThat(migrate.getArgs()).containsExactly("migrate");
		assertThat(secretKey(migrate, "SPRING_DATASOURCE_USERNAME")).isEqualTo("owner-name");
		assertThat(secretKey(container("persist-service"), "SPRING_DATASOURCE_USERNAME")).isEqualTo("runtime-role-name");
		assertThat(secretKey(migrate, "USERSTREAM_RUNTIMEROLE_NAME")).isEqualTo("runtime-role-name");
	}

	@Test
	void theTopicsAreTheOnesTheServicesDeclareAndEveryUserIsAServiceWithAclsOnThem() {
		Set<String> topics = byKind(KafkaTopic.class).map(topic -> topic.getSpec().getTopicName()).collect(Collectors.toSet());
		Set<String> declared = new TreeSet<>(Set.of("ingest-schedule"));
		for (String topic : List.of("users_info", "timestamp_topic", "label_topic")) {
			declared.addAll(List.of(topic, topic + "-dlt", topic + "-dlt-replays"));
		}
		assertThat(topics).containsExactlyInAnyOrderElementsOf(declared);
		byKind(KafkaTopic.class).forEach(topic -> assertThat(topic.getSpec().getReplicas()).isEqualTo(3));

		assertThat(byKind(KafkaUser.class).map(user -> user.getMetadata().getName()))
			.containsExactlyInAnyOrderElementsOf(SERVICES);
		byKind(KafkaUser.class).forEach(user -> ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls()
			.stream()
			.filter(acl -> acl.getResource() instanceof AclRuleTopicResource)
			.forEach(acl -> assertThat(topics).as(user.getMetadata().getName())
				.contains(((AclRuleTopicResource) acl.getResource()).getName())));
		SERVICES.forEach(name -> assertThat(container(name).getEnv().stream()
			.filter(variable -> variable.getName().equals("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"))
			.map(variable -> variable.getValueFrom().getSecretKeyRef().getName())).as(name + "'s Kafka credentials")
			.containsExactly(name));
	}

	private static void assertNoUnknownFields(Object object, String path) {
		if (object == null || object instanceof String || object instanceof Number || object instanceof Boolean
				|| object instanceof Enum<?>) {
			return;
		}
		if (object instanceof Collection<?> collection) {
			int index = 0;
			for (Object element : collection) {
				assertNoUnknownFields(element, path + "[" + index++ + "]");
			}
			return;
		}
		if (object instanceof Map<?, ?> map) {
			map.forEach((key, value) -> assertNoUnknownFields(value, path + "." + key));
			return;
		}
		String type = object.getClass().getName();
		if (!type.startsWith("io.fabric8.") && !type.startsWith("io.strimzi.")) {
			return;
		}
		for (Method getter : object.getClass().getMethods()) {
			if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
					|| !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
				continue;
			}
			Object value = invoke(getter, object);
			if (getter.getName().equals("getAdditionalProperties")) {
				assertThat((Map<?, ?>) value).as(path + ": fields its model does not know").isNullOrEmpty();
			}
			else {
				assertNoUnknownFields(value, path + "." + getter.getName().substring(3));
			}
		}
	}

	private static Object invoke(Method getter, Object object) {
		try {
			return getter.invoke(object);
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			return null;
		}
	}

	private static List<String> kustomization() throws IOException {
		Map<String, Object> kustomization = new Yaml().load(Files.readString(BASE.resolve("kustomization.yaml")));
		@SuppressWarnings("unchecked")
		List<String> files = (List<String>) kustomization.get("resources");
		return files;
	}

	private static <T> Stream<T> byKind(Class<T> type) {
		return resources.stream().filter(type::isInstance).map(type::cast);
	}

	private static Deployment deployment(String name) {
		return byKind(Deployment.class).filter(deployment -> deployment.getMetadata().getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No Deployment " + name));
	}

	private static Container container(String name) {
		return deployment(name).getSpec().getTemplate().getSpec().getContainers().get(0);
	}

	private static String secretKey(Container container, String variable) {
		return container.getEnv().stream()
			.filter(env -> env.getName().equals(variable))
			.map(env -> env.getValueFrom().getSecretKeyRef().getKey())
			.findFirst()
			.orElseThrow(() -> new AssertionError(container.getName() + " has no " + variable));
	}

}
