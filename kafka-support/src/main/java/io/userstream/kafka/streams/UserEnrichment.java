package io.userstream.kafka.streams;

import io.userstream.model.User;

/** A stream stage's one transformation of a valid user. */
@FunctionalInterface
public interface UserEnrichment {

	User enrich(User user);

}
