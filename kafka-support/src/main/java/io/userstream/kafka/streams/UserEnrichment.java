package io.userstream.kafka.streams;

import io.userstream.model.User;

/** A stream stage's one transformation; a service declares it as a bean and kafka-support runs it exactly once. */
@FunctionalInterface
public interface UserEnrichment {

	User enrich(User user);

}
