package io.userstream.kafka;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.userstream.test.ServiceProcess;
import io.userstream.test.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = { "userstream.topics.users-info=support-users", "userstream.topics.timestamp=support-ts",
		"userstream.topics.label=support-label", "userstream.topics.partitions=2",
		"spring.kafka.producer.compression-type=zstd" })
class KafkaSupportAutoConfigurationTests {

	@Autowired
	KafkaProperties kafkaProperties;

	@Autowired
	KafkaHealthIndicator kafkaHealth;

	@Test
	void declaresEveryTopicAndItsDeadLetterTwinWithTheSamePartitions() throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
			Set<String> names = Set.of("support-users", "support-users-dlt", "support-ts", "support-ts-dlt",
					"support-label", "support-label-dlt");
			Map<String, Integer> partitions = admin.describeTopics(names).allTopicNames().get().values().stream()
				.collect(Collectors.toMap(TopicDescription::name, description -> description.partitions().size()));

			assertThat(partitions).containsOnlyKeys(names).allSatisfy((name, count) -> assertThat(count).isEqualTo(2));
			Map<String, String> retention = admin
				.describeConfigs(names.stream().map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList())
				.all().get().entrySet().stream()
				.collect(Collectors.toMap(entry -> entry.getKey().name(), entry -> entry.getValue().get("retention.ms").value()));
			assertThat(retention).containsEntry("support-users", "604800000").containsEntry("support-users-dlt", "-1")
				.containsEntry("support-label-dlt", "-1");
		}
	}

	@Test
	void sharedDefaultsApplyAndAServicePropertyOverridesThem() {
		assertThat(this.kafkaProperties.getProducer().getAcks()).isEqualTo("all");
		assertThat(this.kafkaProperties.getProducer().getProperties()).containsEntry("enable.idempotence", "true");
		assertThat(this.kafkaProperties.getProducer().getCompressionType()).isEqualTo("zstd");
	}

	@Test
	void kafkaIsHealthyWhileTheBrokerAnswers() {
		Health health = this.kafkaHealth.health(true);

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("nodes", 1);
	}

	@Test
	void kafkaIsDownWhenNoBrokerAnswers() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, KafkaSupportAutoConfiguration.class))
			.withPropertyValues("spring.kafka.bootstrap-servers=localhost:" + ServiceProcess.freePort(),
					"spring.kafka.admin.auto-create=false")
			.run(context -> assertThat(context.getBean(KafkaHealthIndicator.class).health(true).getStatus())
				.isEqualTo(Status.DOWN));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
