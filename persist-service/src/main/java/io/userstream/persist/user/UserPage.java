package io.userstream.persist.user;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.userstream.model.User;

/** One page of users, newest first. */
record UserPage(List<User> users, int page, int size, @JsonProperty("total_elements") long totalElements,
		@JsonProperty("total_pages") int totalPages) {
}
