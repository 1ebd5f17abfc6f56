package io.userstream.persist.user;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.userstream.model.User;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code user_data} as the read API sees it; the sink writes the table without JPA. */
@Entity
@Table(name = "user_data")
class StoredUser {

	@Id
	private UUID id;

	private String firstName;

	private String lastName;

	private String gender;

	private String address;

	private String postCode;

	private String email;

	private String username;

	private LocalDate dob;

	private Instant registeredDate;

	private String phone;

	private String picture;

	@Column(name = "timestamp")
	private Instant timestamp;

	private String labels;

	protected StoredUser() {
	}

	/** The row in the pipeline's own shape, so the API answers in the JSON the topics carry. */
	User toUser() {
		return new User(this.id, this.firstName, this.lastName, this.gender, this.address, this.postCode, this.email,
				this.username, this.dob == null ? null : this.dob.toString(),
				this.registeredDate == null ? null : this.registeredDate.toString(), this.phone, this.picture,
				this.timestamp, this.labels);
	}

}
