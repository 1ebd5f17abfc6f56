package io.userstream.label;

import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.userstream.kafka.RecordTracing;
import io.userstream.kafka.TopicsProperties;
import io.userstream.kafka.streams.EnrichmentTopology;
import io.userstream.model.Stage;
import io.userstream.model.Topics;
import io.userstream.model.User;
import io.userstream.model.UserJson;
import io.userstream.test.StageDriver;
import io.userstream.test.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;

import static org.assertj.core.api.Assertions.assertThat;

/** This service's stage on the topology test driver: what it reads, labels and routes. */
class LabelStageTests {

	private static final TopicsProperties TOPICS = new Binder().bindOrCreate("userstream.topics",
			TopicsProperties.class);

	private final StageDriver stage = new StageDriver(builder -> EnrichmentTopology.build(builder,
			LabelStage.route(TOPICS), Labeling.of(new LabelsProperties(List.of("Hot", "Cold"), 7L)),
			new SimpleMeterRegistry(), RecordTracing.NONE), Topics.TIMESTAMP_TOPIC, Topics.LABEL_TOPIC);

	@AfterEach
	void close() {
		this.stage.close();
	}

	@Test
	void labelsATimestampedUserFromTheConfiguredListAndChangesNothingElse() {
		User user = UserJson.read(TestUsers.json(TestUsers.timestamped(1)), Stage.TIMESTAMPED);

		this.stage.in().pipeInput(user.id().toString(), TestUsers.json(user));

		User labeled = UserJson.read(this.stage.out().readValue(), Stage.LABELED);
		assertThat(labeled.labels()).isIn("Hot", "Cold");
		assertThat(labeled.withLabels(null)).isEqualTo(user);
	}

	@Test
	void labelsTheOriginalScriptsMessagesWithTheirPythonTimestampAndNoKey() {
		User user = UserJson.read(TestUsers.json(TestUsers.timestamped(2)), Stage.TIMESTAMPED);

		this.stage.in().pipeInput(null, TestUsers.originalScriptsJson(user));

		var labeled = this.stage.out().readRecord();
		assertThat(labeled.key()).isEqualTo(user.id().toString());
		assertThat(UserJson.read(labeled.value(), Stage.LABELED).withLabels(null)).isEqualTo(user);
	}

	@Test
	void deadLettersAUserThatWasNeverTimestampedToTimestampTopicDlt() {
		byte[] fetchedOnly = TestUsers.json(TestUsers.fetched(3));

		this.stage.in().pipeInput(null, fetchedOnly);

		assertThat(this.stage.out().isEmpty()).isTrue();
		assertThat(this.stage.deadLetters().readValue()).isEqualTo(fetchedOnly);
	}

}
