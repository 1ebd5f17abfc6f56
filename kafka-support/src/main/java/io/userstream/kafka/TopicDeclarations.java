package io.userstream.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Creates the declared topics that are missing (unless {@code spring.kafka.admin.auto-create} is false,
 * where an operator owns the topics) and reports, once at start-up, those that are missing or exist
 * with other settings than declared (partitions, replicas, the declared configs): a WARN line each and
 * the {@code topicsNotAsConfigured} detail of Kafka's health. It changes nothing that exists: spring-kafka's own
 * {@code KafkaAdmin} would add partitions to a topic, which moves users to other partitions and breaks
 * their order in a running pipeline; adding partitions is an operator's command. A broker that does not
 * answer at start-up is asked again every {@code RETRY}, in the background, until it does.
 */
class TopicDeclarations implements SmartInitializingSingleton, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(TopicDeclarations.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final Duration RETRY = Duration.ofSeconds(10);

	private final KafkaAdmin kafkaAdmin;

	private final boolean createMissing;

	private final Supplier<List<NewTopic>> declared;

	private volatile Map<String, String> differences;

	private volatile Thread retrying;

	TopicDeclarations(KafkaAdmin kafkaAdmin, boolean createMissing, Supplier<List<NewTopic>> declared) {
		this.kafkaAdmin = kafkaAdmin;
		this.createMissing = createMissing;
		this.declared = declared;
	}

	/**
	 * Topics to create are created before the listeners and streams start, as {@code KafkaAdmin} would;
	 * with creation off only a report is due, so start-up does not wait for it.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		if (!this.createMissing || !check()) {
			this.retrying = new Thread(this::retryUntilChecked, "topic-declarations");
			this.retrying.setDaemon(true);
			this.retrying.start();
		}
	}

	/**
	 * Topics that exist with other settings than declared, each with what differs; empty when all
	 * match, absent until the broker has answered.
	 */
	Optional<Map<String, String>> differences() {
		return Optional.ofNullable(this.differences);
	}

	private void retryUntilChecked() {
		try {
			while (!check()) {
				Thread.sleep(RETRY.toMillis());
			}
		}
		catch (InterruptedException stopping) {
			Thread.currentThread().interrupt();
		}
	}

	private boolean check() {
		Map<String, Object> config = new HashMap<>(this.kafkaAdmin.getConfigurationProperties());
		config.put(AdminClientConfig.CLIENT_ID_CONFIG, "topic-declarations");
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
		try (Admin admin = Admin.create(config)) {
			List<NewTopic> declared = this.declared.get();
			Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			List<NewTopic> missing = declared.stream().filter(topic -> !existing.contains(topic.name())).toList();
			if (this.createMissing) {
				create(admin, missing);
			}
			else {
				declared = declared.stream().filter(topic -> existing.contains(topic.name())).toList();
			}
			Map<String, String> differences = compare(admin, declared);
			if (!this.createMissing) {
				missing.forEach(topic -> differences.put(topic.name(), "missing"));
			}
			this.differences = differences;
			this.differences.forEach((topic, difference) -> logger.warn(
					"Topic {} is not as configured: {}; left as it is (README: Scaling)",
					topic, difference));
			return true;
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			logger.warn("Could not check the declared topics, trying again in {}: {}", RETRY, ex.toString());
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return true;
		}
	}

	private static void create(Admin admin, List<NewTopic> missing) {
		if (missing.isEmpty()) {
			return;
		}
		admin.createTopics(missing).values().forEach((topic, created) -> {
			try {
				created.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
				logger.info("Created topic {}", topic);
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof TopicExistsException)) {
					throw new IllegalStateException("Could not create topic " + topic, ex.getCause());
				}
			}
			catch (Exception ex) {
				throw new IllegalStateException("Could not create topic " + topic, ex);
			}
		});
	}

	private static Map<String, String> compare(Admin admin, List<NewTopic> declared)
			throws ExecutionException, InterruptedException, TimeoutException {
		List<String> names = declared.stream().map(NewTopic::name).toList();
		Map<String, TopicDescription> descriptions = admin.describeTopics(names)
			.allTopicNames()
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		Map<ConfigResource, Config> configs = admin
			.describeConfigs(names.stream().map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList())
			.all()
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		Map<String, String> differences = new TreeMap<>();
		for (NewTopic topic : declared) {
			TopicDescription description = descriptions.get(topic.name());
			if (description == null) {
				throw new UnknownTopicOrPartitionException(topic.name());
			}
			Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
			List<String> differs = new ArrayList<>();
			differ(differs, "partitions", topic.numPartitions(), description.partitions().size());
			differ(differs, "replicas", topic.replicationFactor(), description.partitions().get(0).replicas().size());
			Optional.ofNullable(topic.configs())
				.map(Map::entrySet)
				.map(Collection::stream)
				.orElseGet(Stream::empty)
				.forEach(declaredConfig -> {
					ConfigEntry entry = config.get(declaredConfig.getKey());
					differ(differs, declaredConfig.getKey(), declaredConfig.getValue(), entry != null ? entry.value() : null);
				});
			if (!differs.isEmpty()) {
				differences.put(topic.name(), String.join(", ", differs));
			}
		}
		return differences;
	}

	private static void differ(List<String> differs, String setting, Object configured, Object actual) {
		boolean unspecified = configured instanceof Number number && number.intValue() < 0;
		if (!unspecified && !String.valueOf(configured).equals(String.valueOf(actual))) {
			differs.add(setting + " " + actual + " (configured " + configured + ")");
		}
	}

	@Override
	public void destroy() {
		if (this.retrying != null) {
			this.retrying.interrupt();
		}
	}

}
