package io.userstream.ingest.fetch;

import java.util.UUID;

import io.userstream.model.Stage;
import io.userstream.model.User;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class UserFormatterTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final UserFormatter formatter = new UserFormatter();

	@Test
	void numericPostcodeNullIdValueAndLettersInPhone() {
		User user = formatter.format(result("""
				{"gender":"female","name":{"title":"Mrs","first":"Antonida","last":"Kaminska"},
				 "location":{"street":{"number":7812,"name":"Provulok Pushkina"},"city":"Chistyakove",
				  "state":"Ternopilska","country":"Ukraine","postcode":68140},
				 "email":"antonida.kaminska@example.com",
				 "login":{"uuid":"1577ccfc-a3c6-49d0-bb86-ddca8faf0d11","username":"happyswan852"},
				 "dob":{"date":"1990-04-17T04:05:46.280Z","age":33},"registered":{"date":"2015-05-24T00:39:35.317Z","age":8},
				 "phone":"(099) R90-8000","id":{"name":"","value":null},
				 "picture":{"medium":"https://randomuser.me/api/portraits/med/women/51.jpg"},"nat":"UA"}
				"""));

		assertThat(user.id()).isEqualTo(UUID.fromString("1577ccfc-a3c6-49d0-bb86-ddca8faf0d11"));
		assertThat(user.address()).isEqualTo("7812 Provulok Pushkina, Chistyakove, Ternopilska, Ukraine");
		assertThat(user.postCode()).isEqualTo("68140");
		assertThat(user.phone()).isEqualTo("(099) R90-8000");
		assertThat(user.username()).isEqualTo("happyswan852");
		assertThat(user.dob()).isEqualTo("1990-04-17T04:05:46.280Z");
		assertThat(user.registeredDate()).isEqualTo("2015-05-24T00:39:35.317Z");
		assertThat(user.picture()).isEqualTo("https://randomuser.me/api/portraits/med/women/51.jpg");
		assertThat(Stage.FETCHED.accepts(user)).isTrue();
	}

	@Test
	void stringPostcodeApostrophesAndNonAsciiNames() {
		User user = formatter.format(result("""
				{"gender":"male","name":{"first":"Seán","last":"O'Connor"},
				 "location":{"street":{"number":12,"name":"O'Connell Street"},"city":"Aylmer","state":"Yukon",
				  "country":"Canada","postcode":"Z4B 4T0"},
				 "email":"sean.o'connor@example.com","login":{"uuid":"2a9cb0f5-cbe0-4aab-9561-c2d3c934aa88","username":"greenbutterfly827"},
				 "dob":{"date":"1952-10-10T07:36:45.668Z"},"registered":{"date":"2019-01-29T23:55:04.691Z"},
				 "phone":"U62 H66-5503","id":{"name":"SIN","value":"574646691"},"picture":{"medium":"m.jpg"}}
				"""));

		assertThat(user.firstName()).isEqualTo("Seán");
		assertThat(user.lastName()).isEqualTo("O'Connor");
		assertThat(user.address()).isEqualTo("12 O'Connell Street, Aylmer, Yukon, Canada");
		assertThat(user.postCode()).isEqualTo("Z4B 4T0");
	}

	@Test
	void invalidLoginUuidGivesAStableNameBasedId() {
		String json = """
				{"name":{"first":"Jared","last":"Peters"},"email":"jared.peters@example.com",
				 "login":{"uuid":"not-a-uuid","username":"greenduck668"},"dob":{"date":"1979-09-13T00:42:30.333Z"}}
				""";

		UUID id = formatter.format(result(json)).id();

		assertThat(id.version()).isEqualTo(5);
		assertThat(formatter.format(result(json)).id()).isEqualTo(id);
		assertThat(formatter.format(result(json.replace("greenduck668", "otherduck1"))).id()).isNotEqualTo(id);
	}

	@Test
	void nameBasedIdsFollowRfc4122Version5() {
		// RFC 4122 appendix's DNS namespace; the v5 id of "python.org", as Python's uuid.uuid5 gives it
		UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
		assertThat(UserFormatter.nameBased(dns, "python.org"))
			.isEqualTo(UUID.fromString("886313e1-3b8a-5372-9b90-0c9aee199e5d"));
	}

	@Test
	void aUserWithoutNameOrEmailIsNotValid() {
		User user = formatter.format(result("""
				{"name":{"first":"","last":"Peters"},"login":{"uuid":"2a9cb0f5-cbe0-4aab-9561-c2d3c934aa88"}}
				"""));

		assertThat(Stage.FETCHED.violations(user)).contains("first_name is missing", "email is missing");
	}

	private static JsonNode result(String json) {
		return JSON.readTree(json);
	}

}
