package io.userstream.model;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * A user as it travels between the services. The JSON keys are the original Python scripts' keys,
 * so messages flow both ways between them and us; readers are lenient where those scripts were
 * (numeric {@code post_code}, naive UTC timestamps, extra fields).
 *
 * @param timestamp added by timestamp-service
 * @param labels added by label-service; one label, the plural name kept for wire compatibility
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "id", "first_name", "last_name", "gender", "address", "post_code", "email", "username",
		"dob", "registered_date", "phone", "picture", "timestamp", "labels" })
public record User(
		UUID id,
		@JsonProperty("first_name") String firstName,
		@JsonProperty("last_name") String lastName,
		String gender,
		String address,
		@JsonProperty("post_code") @JsonDeserialize(using = PostCodeDeserializer.class) String postCode,
		String email,
		String username,
		String dob,
		@JsonProperty("registered_date") String registeredDate,
		String phone,
		String picture,
		@JsonSerialize(using = TimestampSerializer.class) @JsonDeserialize(using = TimestampDeserializer.class) Instant timestamp,
		String labels) {

	public User withId(UUID newId) {
		return new User(newId, firstName, lastName, gender, address, postCode, email, username, dob, registeredDate,
				phone, picture, timestamp, labels);
	}

	public User withTimestamp(Instant newTimestamp) {
		return new User(id, firstName, lastName, gender, address, postCode, email, username, dob, registeredDate,
				phone, picture, newTimestamp, labels);
	}

	public User withLabels(String newLabels) {
		return new User(id, firstName, lastName, gender, address, postCode, email, username, dob, registeredDate,
				phone, picture, timestamp, newLabels);
	}

}
