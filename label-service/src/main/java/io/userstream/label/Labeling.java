package io.userstream.label;

import java.util.List;
import java.util.random.RandomGenerator;

import io.userstream.kafka.streams.UserEnrichment;
import io.userstream.model.User;

import org.springframework.stereotype.Component;

/** Labels each user with one label drawn uniformly at random. */
@Component
class Labeling implements UserEnrichment {

	private final List<String> labels;

	private final RandomGenerator random;

	Labeling(LabelsProperties properties, RandomGenerator random) {
		this.labels = properties.values();
		this.random = random;
	}

	@Override
	public User enrich(User user) {
		return user.withLabels(this.labels.get(this.random.nextInt(this.labels.size())));
	}

}
