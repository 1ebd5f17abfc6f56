package io.userstream.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.userstream.model.Topics;
import io.userstream.test.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A topic that exists is reported when it differs from the configuration, and never changed. */
@ExtendWith(OutputCaptureExtension.class)
class TopicDeclarationsTests {

	@Test
	void aTopicWithFewerPartitionsThanConfiguredKeepsThemAndIsReported(CapturedOutput output) throws Exception {
		String usersInfo = TestKafka.uniqueTopic("declared-users");
		TestKafka.createTopics(3, usersInfo);

		runner(usersInfo).withPropertyValues("userstream.topics.partitions=6").run(context -> {
			assertThat(partitions(usersInfo)).isEqualTo(3);
			assertThat(partitions(Topics.deadLetterOf(usersInfo))).isEqualTo(6);
			assertThat(context.getBean(TopicDeclarations.class).differences()).hasValueSatisfying(differences -> assertThat(
					differences).containsOnlyKeys(usersInfo).containsEntry(usersInfo, "partitions 3 (configured 6)"));
			assertThat(context.getBean(KafkaHealthIndicator.class).health(true).getDetails().get("topicsNotAsConfigured"))
				.isEqualTo(Map.of(usersInfo, "partitions 3 (configured 6)"));
			assertThat(output).contains("Topic " + usersInfo + " is not as configured: partitions 3 (configured 6)");
		});
		await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20)).until(() -> partitions(usersInfo) == 3);
	}

	@Test
	void missingTopicsAreCreatedWithTheConfiguredReplicationSettings() throws Exception {
		String usersInfo = TestKafka.uniqueTopic("created-users");

		runner(usersInfo).withPropertyValues("userstream.topics.partitions=4").run(context -> {
			assertThat(partitions(usersInfo)).isEqualTo(4);
			assertThat(config(usersInfo, "min.insync.replicas")).isEqualTo("1");
			assertThat(context.getBean(TopicDeclarations.class).differences()).hasValue(Map.of());
		});
	}

	@Test
	void withCreationOffAMissingTopicIsReportedAndNotCreated() {
		String usersInfo = TestKafka.uniqueTopic("operator-owned");

		runner(usersInfo).withPropertyValues("spring.kafka.admin.auto-create=false").run(context -> {
			TopicDeclarations declarations = context.getBean(TopicDeclarations.class);
			await().atMost(Duration.ofSeconds(30)).until(() -> declarations.differences().isPresent());

			assertThat(declarations.differences().get()).containsEntry(usersInfo, "missing");
			try (Admin admin = admin()) {
				assertThat(admin.listTopics().names().get()).doesNotContain(usersInfo);
			}
		});
	}

	@Test
	void aDifferentConfigIsReported() {
		String usersInfo = TestKafka.uniqueTopic("retained-users");
		try (Admin admin = admin()) {
			admin.createTopics(List.of(new NewTopic(usersInfo, 6, (short) 1).configs(Map.of("retention.ms", "3600000"))))
				.all()
				.get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}

		runner(usersInfo).run(context -> assertThat(context.getBean(TopicDeclarations.class).differences())
			.hasValue(Map.of(usersInfo, "retention.ms 3600000 (configured 604800000)")));
	}

	@Test
	void moreInSyncReplicasThanReplicasStopsTheStartWithTheReason() {
		runner(TestKafka.uniqueTopic("unwritable"))
			.withPropertyValues("userstream.topics.replicas=1", "userstream.topics.min-insync-replicas=2")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("userstream.topics.min-insync-replicas must be between 1 and userstream.topics.replicas (1), not 2"));
	}

	private static ApplicationContextRunner runner(String usersInfo) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, KafkaSupportAutoConfiguration.class))
			.withPropertyValues("spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
					"userstream.topics.users-info=" + usersInfo, "userstream.topics.timestamp=" + usersInfo + "-ts",
					"userstream.topics.label=" + usersInfo + "-label");
	}

	private static int partitions(String topic) throws Exception {
		try (Admin admin = admin()) {
			return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
		}
	}

	private static String config(String topic, String name) throws Exception {
		try (Admin admin = admin()) {
			ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
			return admin.describeConfigs(List.of(resource)).all().get().get(resource).get(name).value();
		}
	}

	private static Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()));
	}

}
