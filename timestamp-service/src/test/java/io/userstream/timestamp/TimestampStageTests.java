package io.userstream.timestamp;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

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

/** This service's stage on the topology test driver: what it reads, stamps and routes. */
class TimestampStageTests {

	private static final Instant NOW = Instant.parse("2026-11-28T15:01:08.451326789Z");

	private static final TopicsProperties TOPICS = new Binder().bindOrCreate("userstream.topics",
			TopicsProperties.class);

	private final StageDriver stage = new StageDriver(builder -> EnrichmentTopology.build(builder,
			TimestampStage.route(TOPICS), new Timestamping(Clock.fixed(NOW, ZoneOffset.UTC)), new SimpleMeterRegistry(), RecordTracing.NONE),
			Topics.USERS_INFO, Topics.TIMESTAMP_TOPIC);

	@AfterEach
	void close() {
		this.stage.close();
	}

	@Test
	void stampsAFetchedUserWithTheClocksInstantAndChangesNothingElse() {
		User user = TestUsers.fetched(1);

		this.stage.in().pipeInput(user.id().toString(), TestUsers.json(user));

		User stamped = UserJson.read(this.stage.out().readValue(), Stage.TIMESTAMPED);
		assertThat(stamped).isEqualTo(user.withTimestamp(Instant.parse("2026-11-28T15:01:08.451326Z")));
	}

	@Test
	void stampsTheOriginalScriptsMessagesAndKeysThemById() {
		User user = TestUsers.fetched(2);

		this.stage.in().pipeInput(null, TestUsers.originalScriptsJson(user));

		var stamped = this.stage.out().readRecord();
		assertThat(stamped.key()).isEqualTo(user.id().toString());
		assertThat(UserJson.read(stamped.value(), Stage.TIMESTAMPED).withTimestamp(null)).isEqualTo(user);
	}

	@Test
	void deadLettersAUserWithoutAnEmailToUsersInfoDlt() {
		User user = TestUsers.fetched(3);
		byte[] noEmail = TestUsers.json(new User(user.id(), user.firstName(), user.lastName(), user.gender(),
				user.address(), user.postCode(), null, user.username(), user.dob(), user.registeredDate(), user.phone(),
				user.picture(), null, null));

		this.stage.in().pipeInput(user.id().toString(), noEmail);

		assertThat(this.stage.out().isEmpty()).isTrue();
		assertThat(this.stage.deadLetters().readValue()).isEqualTo(noEmail);
	}

}
