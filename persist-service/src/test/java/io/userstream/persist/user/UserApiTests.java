package io.userstream.persist.user;

import java.time.Instant;
import java.util.UUID;

import io.userstream.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/** The read API over a database of its own with 30 known rows (plus one from before timestamps). */
@SpringBootTest(properties = "spring.kafka.listener.auto-startup=false")
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserApiTests {

	static final String DATABASE = TestDatabase.createAnother();

	static final Instant NEWEST = Instant.parse("2026-11-28T15:01:08.451326Z");

	static final String[] LABELS = { "Good", "Bad", "Excellent", "Awful", "Normal" };

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> DATABASE);
	}

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeAll
	void rows() {
		for (int n = 0; n < 30; n++) {
			this.jdbc.update("""
					insert into user_data (id, first_name, last_name, gender, email, username, dob, timestamp, labels)
					values (?, ?, 'Sørensen', ?, ?, ?, date '1990-04-17', ?::timestamptz, ?)""", UUID.randomUUID(),
					"First" + n, n % 3 == 0 ? "female" : "male", "u" + n + "@example.com", "u" + n,
					NEWEST.minusSeconds(n).toString(), LABELS[n % 5]);
		}
		this.jdbc.update("insert into user_data (id, first_name, gender, labels) values (?, 'Old', 'male', 'Good')",
				UUID.randomUUID());
	}

	@Test
	void pagesAreNewestFirstWithTheRowsWithoutTimestampLast() {
		assertThat(this.mvc.get().uri("/users?size=10")).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.users.length()", size -> assertThat(size).isEqualTo(10))
			.hasPathSatisfying("$.users[0].first_name", name -> assertThat(name).isEqualTo("First0"))
			.hasPathSatisfying("$.users[0].timestamp", time -> assertThat(time).isEqualTo(NEWEST.toString()))
			.hasPathSatisfying("$.users[9].first_name", name -> assertThat(name).isEqualTo("First9"))
			.hasPathSatisfying("$.total_elements", total -> assertThat(total).isEqualTo(31))
			.hasPathSatisfying("$.total_pages", pages -> assertThat(pages).isEqualTo(4));
		assertThat(this.mvc.get().uri("/users?page=3&size=10")).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.users[*].first_name", names -> assertThat(names).asList().containsExactly("Old"));
	}

	@Test
	void filtersByLabelAndGender() {
		// n % 5 == 0 is Good, n % 3 == 0 is female: n = 0, 15
		assertThat(this.mvc.get().uri("/users?label=Good&gender=female&page=0&size=50")).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.users[*].first_name", names -> assertThat(names).asList().containsExactly("First0", "First15"))
			.hasPathSatisfying("$.total_elements", total -> assertThat(total).isEqualTo(2));
		assertThat(this.mvc.get().uri("/users?label=Awful&size=1000")).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.users.length()", size -> assertThat(size).isEqualTo(6));
	}

	@Test
	void oneUserByIdInTheWireShape() {
		UUID id = this.jdbc.queryForObject("select id from user_data where first_name = 'First3'", UUID.class);

		assertThat(this.mvc.get().uri("/users/{id}", id)).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.id", value -> assertThat(value).isEqualTo(id.toString()))
			.hasPathSatisfying("$.last_name", value -> assertThat(value).isEqualTo("Sørensen"))
			.hasPathSatisfying("$.dob", value -> assertThat(value).isEqualTo("1990-04-17"))
			.hasPathSatisfying("$.labels", value -> assertThat(value).isEqualTo("Awful"));
	}

	@Test
	void anAbsentUserIsA404Problem() {
		assertThat(this.mvc.get().uri("/users/{id}", UUID.randomUUID())).hasStatus(404)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void statsCountEverything() {
		assertThat(this.mvc.get().uri("/users/stats")).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.total_rows", total -> assertThat(total).isEqualTo(31))
			.hasPathSatisfying("$.per_label.Good", count -> assertThat(count).isEqualTo(7))
			.hasPathSatisfying("$.per_label.Bad", count -> assertThat(count).isEqualTo(6))
			.hasPathSatisfying("$.per_gender.female", count -> assertThat(count).isEqualTo(10))
			.hasPathSatisfying("$.per_gender.male", count -> assertThat(count).isEqualTo(21))
			.hasPathSatisfying("$.newest_timestamp", time -> assertThat(time).isEqualTo(NEWEST.toString()));
	}

	@Test
	void aPageStartingBeyondTenMillionRowsIsA400NamingPage() {
		assertThat(this.mvc.get().uri("/users?page=2147483647&size=1000")).hasStatus(400)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.hasPathSatisfying("$.detail", detail -> assertThat(detail).asString().startsWith("page must be at most 10000 "));
		assertThat(this.mvc.get().uri("/users?page=10000&size=1000")).hasStatusOk();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/users?label=Nope", "/users?page=-1", "/users?size=0", "/users?size=1001",
			"/users?page=abc", "/users?size=ten", "/users?page=10001&size=1000", "/users/not-a-uuid", "/users/12345" })
	void badParametersAre400Problems(String uri) {
		assertThat(this.mvc.get().uri(uri)).hasStatus(400)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.hasPathSatisfying("$.status", status -> assertThat(status).isEqualTo(400));
	}

}
