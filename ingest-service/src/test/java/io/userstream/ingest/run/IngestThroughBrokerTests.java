package io.userstream.ingest.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.userstream.kafka.TopicsProperties;
import io.userstream.model.Stage;
import io.userstream.model.User;
import io.userstream.model.UserJson;
import io.userstream.test.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/** A 12,000-user run from a local randomuser-shaped server onto a real broker, twice with one seed. */
@AutoConfigureMockMvc
@SpringBootTest(properties = "ingest.schedule.enabled=false")
@ExtendWith(OutputCaptureExtension.class)
class IngestThroughBrokerTests extends StandInTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	TopicsProperties topics;

	@Test
	void twelveThousandUsersArePublishedOnceEachAndTheSameSeedGivesTheSameIds(CapturedOutput output) {
		Instant start = Instant.now();
		MvcTestResult first = api().run("{\"count\": 12000, \"seed\": \"broker-test\"}");

		assertThat(IngestApi.status(first)).as(IngestApi.body(first)).isEqualTo(200);
		assertThat(IngestApi.json(first).path("fetched").asLong()).isEqualTo(12000);
		assertThat(IngestApi.json(first).path("published").asLong()).isEqualTo(12000);
		assertThat(upstream.requestedQueries()).hasSize(3)
			.allSatisfy(query -> assertThat(query).contains("seed=broker-test"));
		List<ConsumerRecord<String, byte[]>> records = TestKafka.readCommitted(List.of(topics.usersInfo()), 12000,
				Duration.ofMinutes(2), Duration.ofSeconds(2));
		assertThat(records).hasSize(12000);
		List<User> users = records.stream().map(record -> UserJson.read(record.value(), Stage.FETCHED)).toList();
		assertThat(records).allSatisfy(record -> {
			assertThat(UserJson.read(record.value(), Stage.FETCHED).id()).hasToString(record.key());
			assertThat(record.timestamp()).isGreaterThanOrEqualTo(start.toEpochMilli());
		});
		Set<String> ids = records.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
		assertThat(ids).hasSize(12000);
		assertThat(users).allSatisfy(user -> {
			assertThat(user.address()).matches("\\S+ .+, .+, .+, .+");
			assertThat(user.postCode()).isNotBlank();
			assertThat(user.username()).isNotBlank();
			assertThat(user.timestamp()).isNull();
		});

		MvcTestResult second = api().run("{\"count\": 12000, \"seed\": \"broker-test\"}");

		assertThat(IngestApi.status(second)).isEqualTo(200);
		List<ConsumerRecord<String, byte[]>> both = TestKafka.readCommitted(List.of(topics.usersInfo()), 24000,
				Duration.ofMinutes(2), Duration.ofSeconds(2));
		assertThat(both).hasSize(24000);
		Map<String, Long> timesPublished = both.stream()
			.collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
		assertThat(timesPublished.keySet()).as("the second run publishes the same ids").isEqualTo(ids);
		assertThat(timesPublished.values()).containsOnly(2L);
		assertThat(output).contains("requested=12000 fetched=12000 published=12000");
		assertThat(users.subList(0, 200)).allSatisfy(user -> assertThat(output).doesNotContain(user.email())
			.doesNotContain(user.phone())
			.doesNotContain(user.lastName()));
	}

	private IngestApi api() {
		return new IngestApi(this.mvc);
	}

}
