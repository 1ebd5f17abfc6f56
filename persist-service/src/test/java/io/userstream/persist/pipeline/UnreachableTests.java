package io.userstream.persist.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import io.userstream.kafka.TopicsProperties;
import io.userstream.kafka.deadletter.DeadLetterProperties;
import io.userstream.model.Topics;
import io.userstream.test.TestKafka;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.KafkaAdmin;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the page's figures say when the broker or the database does not answer: that side's error, in
 * plain words, and whatever the other side says. Nothing listens on port 1 of this machine.
 */
class UnreachableTests {

	static final String NOWHERE = "127.0.0.1:1";

	static final TopicsProperties TOPICS = new TopicsProperties(TestKafka.uniqueTopic("users-info"),
			TestKafka.uniqueTopic("timestamp"), TestKafka.uniqueTopic("label"), 3, (short) 1, 1, Duration.ofDays(7),
			Duration.ofMillis(-1));

	static final PipelinePageProperties PAGE = new PipelinePageProperties("timestamp-service", "label-service",
			Duration.ofSeconds(30), Duration.ofMinutes(5), 10);

	private KafkaFigures kafka;

	private HikariDataSource database;

	@AfterEach
	void close() throws Exception {
		if (this.kafka != null) {
			this.kafka.destroy();
		}
		if (this.database != null) {
			this.database.close();
		}
	}

	@Test
	void anUnreachableDatabaseIsSaidAndKafkasFiguresStillShow() {
		TestKafka.createTopics(3, TOPICS.usersInfo(), TOPICS.timestamp(), TOPICS.label(),
				Topics.deadLetterOf(TOPICS.usersInfo()), Topics.deadLetterOf(TOPICS.timestamp()),
				Topics.deadLetterOf(TOPICS.label()));
		this.kafka = kafka(TestKafka.bootstrapServers());
		this.database = database("jdbc:postgresql://" + NOWHERE + "/userstream");

		PipelineController.Pipeline pipeline = new PipelineController(this.kafka, new TableFigures(this.database, PAGE)).pipeline();

		assertThat(pipeline.databaseError()).isEqualTo("The database did not answer");
		assertThat(pipeline.database()).isNull();
		assertThat(pipeline.kafkaError()).isNull();
		assertThat(pipeline.kafka().stages()).hasSize(3);
	}

	@Test
	void anUnreachableBrokerIsSaid() {
		this.kafka = kafka(NOWHERE);
		this.database = database("jdbc:postgresql://" + NOWHERE + "/userstream");

		PipelineController.Pipeline pipeline = new PipelineController(this.kafka, new TableFigures(this.database, PAGE)).pipeline();

		assertThat(pipeline.kafkaError()).isEqualTo("Kafka did not answer");
		assertThat(pipeline.kafka()).isNull();
	}

	private static KafkaFigures kafka(String bootstrapServers) {
		KafkaProperties properties = new KafkaProperties();
		properties.setBootstrapServers(List.of(bootstrapServers));
		KafkaAdmin admin = new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
		return new KafkaFigures(admin, properties, TOPICS, new DeadLetterProperties(3, 4096, Duration.ofSeconds(5)), PAGE);
	}

	private static HikariDataSource database(String url) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(url);
		dataSource.setUsername("postgres");
		dataSource.setConnectionTimeout(1000);
		dataSource.setInitializationFailTimeout(-1);
		return dataSource;
	}

}
