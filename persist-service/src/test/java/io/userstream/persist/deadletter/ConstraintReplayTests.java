package io.userstream.persist.deadletter;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import io.userstream.model.Topics;
import io.userstream.model.User;
import io.userstream.persist.Users;
import io.userstream.test.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The case operators meet: a constraint added to {@code user_data} refuses some users, persist
 * dead-letters them; the constraint is dropped and everything replayed: each of those users arrives
 * exactly once, and replaying again changes nothing.
 */
@SpringBootTest
@AutoConfigureMockMvc
@DirtiesContext
class ConstraintReplayTests {

	static final String TOPIC = TestKafka.uniqueTopic("label");

	static final RefusedLabel REFUSED = new RefusedLabel();

	@DynamicPropertySource
	static void topic(DynamicPropertyRegistry registry) {
		registry.add("userstream.topics.label", () -> TOPIC);
	}

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	@Test
	void usersRefusedByAConstraintArriveExactlyOnceWhenReplayedAfterItIsDropped() throws Exception {
		List<User> accepted = Users.labeled(0, 10);
		List<User> refused = REFUSED.users(10, 10);
		List<User> sent = new ArrayList<>();
		for (int n = 0; n < 10; n++) {
			sent.add(accepted.get(n));
			sent.add(refused.get(n));
		}
		REFUSED.refuse();
		try {
			Users.send(TOPIC, sent);
			await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(summaryTotal()).isEqualTo(10));
		}
		finally {
			REFUSED.accept();
		}
		assertThat(stored(accepted)).isEqualTo(10);
		assertThat(stored(refused)).isZero();

		String summary = this.mvc.get().uri("/dead-letters/summary").exchange().getResponse().getContentAsString();
		assertThat(JsonPath.<Map<String, Integer>>read(summary, "$.byException"))
			.containsExactly(Map.entry("io.userstream.model.InvalidUserException", 10));
		List<Map<String, Object>> listed = allPages(3);
		assertThat(listed).hasSize(10).allSatisfy(deadLetter -> {
			assertThat(deadLetter.get("reason")).asString().contains("SQLState 23514");
			assertThat(deadLetter.get("originalTopic")).isEqualTo(TOPIC);
			assertThat(deadLetter.get("replays")).isEqualTo(0);
			assertThat(deadLetter.get("truncated")).isEqualTo(false);
			assertThat(deadLetter.get("value")).asString().contains(REFUSED.label());
		});
		assertThat(listed.stream().map(deadLetter -> deadLetter.get("key"))).containsExactlyInAnyOrderElementsOf(
				refused.stream().map(user -> user.id().toString()).toList());

		double duplicatesBefore = counter("persist.rows.duplicates");
		assertThat(this.mvc.post().uri("/dead-letters/replay").contentType(MediaType.APPLICATION_JSON).content("{\"all\": true}"))
			.hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("{\"replayed\": 10, \"alreadyReplayed\": 0, \"notReplayable\": []}");
		await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(stored(refused)).isEqualTo(10));

		assertThat(this.mvc.post().uri("/dead-letters/replay").contentType(MediaType.APPLICATION_JSON).content("{\"all\": true}"))
			.hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("{\"replayed\": 0, \"alreadyReplayed\": 10, \"notReplayable\": []}");
		Map<String, Object> first = listed.get(0);
		assertThat(this.mvc.post().uri("/dead-letters/replay").contentType(MediaType.APPLICATION_JSON)
			.content("{\"offsets\": [{\"partition\": %s, \"offset\": %s}]}".formatted(first.get("partition"), first.get("offset"))))
			.hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("{\"replayed\": 0, \"alreadyReplayed\": 1, \"notReplayable\": []}");

		Map<String, Long> copiesOnTopic = TestKafka.readCommitted(List.of(TOPIC), 30, Duration.ofSeconds(30), Duration.ofSeconds(3))
			.stream()
			.collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
		assertThat(refused).allSatisfy(user -> assertThat(copiesOnTopic.get(user.id().toString()))
			.as("the refused user sent once and replayed once").isEqualTo(2));
		assertThat(accepted).allSatisfy(user -> assertThat(copiesOnTopic.get(user.id().toString())).isEqualTo(1));
		assertThat(counter("persist.rows.duplicates") - duplicatesBefore).as("no replay delivered a user twice").isZero();
		assertThat(summaryTotal()).as("replayed dead letters stay listed").isEqualTo(10);
		assertThat(this.meters.get("userstream.dead.letters.replayed").counter().count()).isEqualTo(10);
	}

	/** Every dead letter, page by page; no position may come twice. */
	private List<Map<String, Object>> allPages(int limit) throws Exception {
		List<Map<String, Object>> all = new ArrayList<>();
		Set<String> positions = new HashSet<>();
		String before = null;
		do {
			String page = this.mvc.get()
				.uri("/dead-letters?limit=" + limit + ((before != null) ? "&before=" + before : ""))
				.exchange()
				.getResponse()
				.getContentAsString();
			List<Map<String, Object>> deadLetters = JsonPath.read(page, "$.deadLetters");
			assertThat(deadLetters).hasSizeLessThanOrEqualTo(limit);
			deadLetters.forEach(deadLetter -> assertThat(positions.add(deadLetter.get("partition") + "@" + deadLetter.get("offset")))
				.as("listed once").isTrue());
			all.addAll(deadLetters);
			before = JsonPath.read(page, "$.next");
		}
		while (before != null);
		Map<Object, List<Long>> offsetsByPartition = all.stream().collect(Collectors.groupingBy(
				deadLetter -> deadLetter.get("partition"), Collectors.mapping(deadLetter -> ((Number) deadLetter.get("offset")).longValue(),
						Collectors.toList())));
		offsetsByPartition.values().forEach(offsets -> assertThat(offsets).as("newest first").isSortedAccordingTo(
				(a, b) -> Long.compare(b, a)));
		return all;
	}

	private int summaryTotal() throws Exception {
		String summary = this.mvc.get().uri("/dead-letters/summary").exchange().getResponse().getContentAsString();
		return JsonPath.<Integer>read(summary, "$.total");
	}

	private long stored(List<User> users) {
		return this.jdbc.queryForObject("select count(*) from user_data where id = any(?)", Long.class,
				(Object) users.stream().map(User::id).toArray(UUID[]::new));
	}

	private double counter(String name) {
		return this.meters.get(name).counter().count();
	}
}
