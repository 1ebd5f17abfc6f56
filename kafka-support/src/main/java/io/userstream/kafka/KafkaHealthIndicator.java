package io.userstream.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Boot 4 has no Kafka health indicator: UP while the cluster answers a describe within a few seconds,
 * with the declared topics that are not as configured ({@link TopicDeclarations}) as a detail.
 */
class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

	private static final Duration TIMEOUT = Duration.ofSeconds(3);

	private final KafkaAdmin kafkaAdmin;

	private final TopicDeclarations topicDeclarations;

	private volatile Admin admin;

	KafkaHealthIndicator(KafkaAdmin kafkaAdmin, TopicDeclarations topicDeclarations) {
		super("Kafka health check failed");
		this.kafkaAdmin = kafkaAdmin;
		this.topicDeclarations = topicDeclarations;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		var cluster = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
		Collection<Node> nodes = cluster.nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		builder.up()
			.withDetail("clusterId", cluster.clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
			.withDetail("nodes", nodes.size())
			.withDetail("topicsNotAsConfigured", this.topicDeclarations.differences()
				.<Object>map(differences -> differences)
				.orElse("not checked yet"));
	}

	private Admin admin() {
		if (this.admin == null) {
			synchronized (this) {
				if (this.admin == null) {
					var config = new java.util.HashMap<>(this.kafkaAdmin.getConfigurationProperties());
					config.put(AdminClientConfig.CLIENT_ID_CONFIG, "health");
					config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
					config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
					this.admin = Admin.create(config);
				}
			}
		}
		return this.admin;
	}

	@Override
	public void destroy() {
		if (this.admin != null) {
			this.admin.close(Duration.ofSeconds(1));
		}
	}

}
