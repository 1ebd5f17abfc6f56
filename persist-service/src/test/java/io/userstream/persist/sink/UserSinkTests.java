package io.userstream.persist.sink;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.userstream.kafka.DeadLetterHeaders;
import io.userstream.model.Stage;
import io.userstream.model.Topics;
import io.userstream.model.User;
import io.userstream.model.UserJson;
import io.userstream.persist.Users;
import io.userstream.test.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The sink against the real broker and a real PostgreSQL database; the JVM runs in Asia/Tehran. */
@SpringBootTest
@AutoConfigureMockMvc
@DirtiesContext
class UserSinkTests {

	static final String TOPIC = TestKafka.uniqueTopic("label");

	static final String DEAD_LETTERS = Topics.deadLetterOf(TOPIC);

	@DynamicPropertySource
	static void topic(DynamicPropertyRegistry registry) {
		registry.add("userstream.topics.label", () -> TOPIC);
	}

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	@Autowired
	MockMvcTester mvc;

	@Test
	void redeliveredRecordsAreStoredOnceAndCountedAsDuplicates() {
		double insertedBefore = counter("persist.rows.inserted");
		double duplicatesBefore = counter("persist.rows.duplicates");
		List<User> users = Users.labeled(0, 5000);
		List<User> sent = new ArrayList<>(users);
		sent.addAll(users.subList(1000, 1500));

		Users.send(TOPIC, sent);

		await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(
				counter("persist.rows.inserted") - insertedBefore + counter("persist.rows.duplicates") - duplicatesBefore)
			.isEqualTo(5500));
		assertThat(storedCount(users)).isEqualTo(5000);
		assertThat(counter("persist.rows.inserted") - insertedBefore).isEqualTo(5000);
		assertThat(counter("persist.rows.duplicates") - duplicatesBefore).isEqualTo(500);
		assertThat(this.mvc.get().uri("/actuator/prometheus")).hasStatusOk()
			.bodyText()
			.contains("persist_end_to_end_latency_seconds_bucket{application=\"persist-service\",le=\"1.0\"}")
			.contains("persist_end_to_end_latency_seconds_bucket{application=\"persist-service\",le=\"0.0055\"}")
			.contains("persist_rows_duplicates_total")
			.contains("persist_batch_write_seconds_count")
			.contains("persist_consumer_group{application=\"persist-service\",group=\"persist-sink\"} 1.0");
	}

	@Test
	void recordsThatDoNotFitAreDeadLetteredWithReasonsAndTheRestOfTheBatchIsStored() {
		List<User> good = Users.labeled(100, 8);
		User longPhone = Users.withPhoneAndDob(Users.labeled(200), "+98 (912) 345-6789 ext. 1234", "1952-10-10");
		User badDate = Users.withPhoneAndDob(Users.labeled(201), "(099) R90-8000", "31/02/1990");
		List<User> batch = new ArrayList<>(good.subList(0, 4));
		batch.add(longPhone);
		batch.addAll(good.subList(4, 6));
		batch.add(badDate);
		batch.addAll(good.subList(6, 8));

		Users.send(TOPIC, batch);

		List<ConsumerRecord<String, byte[]>> deadLetters = TestKafka.readCommitted(List.of(DEAD_LETTERS), 2,
				Duration.ofMinutes(1), Duration.ofSeconds(2));
		await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(storedCount(good)).isEqualTo(8));
		assertThat(storedCount(List.of(longPhone, badDate))).isZero();
		assertThat(deadLetters).hasSize(2);
		Map<String, String> reasons = Map.of(deadLetters.get(0).key(), DeadLetterHeaders.reason(deadLetters.get(0).headers()),
				deadLetters.get(1).key(), DeadLetterHeaders.reason(deadLetters.get(1).headers()));
		assertThat(reasons.get(longPhone.id().toString())).contains("phone has 28 characters, at most 20");
		assertThat(reasons.get(badDate.id().toString())).contains("dob is not a date");
		assertThat(deadLetters).allSatisfy(letter -> assertThat(UserJson.read(letter.value(), Stage.LABELED).id().toString()).isEqualTo(letter.key()));
	}

	@Test
	void messagesInTheOriginalScriptsFormAreStoredExactly() {
		UUID id = UUID.randomUUID();
		String original = """
				{"id": "%s", "first_name": "Seán", "last_name": "O'Connell-Sørensen", "gender": "male",
				 "address": "12 O'Connell Street, Dún Laoghaire, Poçan", "post_code": 40125,
				 "email": "sean.oconnell@example.com", "dob": "1990-04-17T23:30:00.000Z",
				 "registered_date": "2019-01-29T23:55:04.691Z", "phone": "(099) R90-8000",
				 "picture": "https://randomuser.me/api/portraits/med/men/18.jpg",
				 "timestamp": "2026-11-28 15:01:08.451326", "labels": "Good"}""".formatted(id);

		Users.sendRaw(TOPIC, Arrays.asList((String) null), List.of(original.getBytes(StandardCharsets.UTF_8)));

		await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(storedCount(List.of(id))).isEqualTo(1));
		Map<String, Object> row = this.jdbc.queryForMap("""
				select first_name, last_name, address, post_code, dob::text as dob,
				       registered_date = timestamptz '2019-01-29 23:55:04.691+00' as registered_utc,
				       timestamp = timestamptz '2026-11-28 15:01:08.451326+00' as timestamp_utc,
				       convert_to(last_name, 'UTF8') as last_name_bytes
				from user_data where id = ?""", id);
		assertThat(row).containsEntry("first_name", "Seán")
			.containsEntry("last_name", "O'Connell-Sørensen")
			.containsEntry("address", "12 O'Connell Street, Dún Laoghaire, Poçan")
			.containsEntry("post_code", "40125")
			.containsEntry("dob", "1990-04-17")
			.containsEntry("registered_utc", true)
			.containsEntry("timestamp_utc", true);
		assertThat((byte[]) row.get("last_name_bytes")).isEqualTo("O'Connell-Sørensen".getBytes(StandardCharsets.UTF_8));
		assertThat(this.mvc.get().uri("/users/{id}", id)).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.last_name", value -> assertThat(value).asString().isEqualTo("O'Connell-Sørensen"))
			.hasPathSatisfying("$.dob", value -> assertThat(value).asString().isEqualTo("1990-04-17"))
			.hasPathSatisfying("$.timestamp", value -> assertThat(value).asString().isEqualTo("2026-11-28T15:01:08.451326Z"));
	}

	private long storedCount(List<?> usersOrIds) {
		UUID[] ids = usersOrIds.stream().map(item -> item instanceof User user ? user.id() : (UUID) item).toArray(UUID[]::new);
		return this.jdbc.queryForObject("select count(*) from user_data where id = any(?)", Long.class, (Object) ids);
	}

	private double counter(String name) {
		return this.meters.get(name).counter().count();
	}

}
