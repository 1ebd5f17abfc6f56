package io.userstream.persist.user;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

record UserStats(@JsonProperty("total_rows") long totalRows, @JsonProperty("per_label") Map<String, Long> perLabel,
		@JsonProperty("per_gender") Map<String, Long> perGender,
		@JsonProperty("newest_timestamp") Instant newestTimestamp) {
}
