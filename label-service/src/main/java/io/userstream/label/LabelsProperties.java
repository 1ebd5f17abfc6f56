package io.userstream.label;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The labels to draw from ({@code userstream.labels.*}).
 *
 * @param values the labels, each drawn with equal probability; the default list is kafka-support's
 *        userstream-defaults.properties, which persist-service's read API shares
 * @param seed fixes the draws, for reproducible runs; random when absent
 */
@ConfigurationProperties("userstream.labels")
record LabelsProperties(List<String> values, Long seed) {

	LabelsProperties {
		if (values == null || values.isEmpty()) {
			throw new IllegalArgumentException("userstream.labels.values is empty: list at least one label to draw from");
		}
		values = List.copyOf(values);
	}

}
