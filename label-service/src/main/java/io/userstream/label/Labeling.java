package io.userstream.label;

import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;

import io.userstream.kafka.streams.UserEnrichment;
import io.userstream.model.User;

/** Labels each user with one label drawn uniformly at random. */
class Labeling implements UserEnrichment {

	private final List<String> labels;

	private final RandomGenerator random;

	Labeling(LabelsProperties properties, RandomGenerator random) {
		this.labels = properties.values();
		this.random = random;
	}

	/** java.util.Random, safe to share between stream threads; seeded when the properties say so. */
	static Labeling of(LabelsProperties properties) {
		return new Labeling(properties, (properties.seed() != null) ? new Random(properties.seed()) : new Random());
	}

	@Override
	public User enrich(User user) {
		return user.withLabels(this.labels.get(this.random.nextInt(this.labels.size())));
	}

}
