package io.userstream.label;

import java.util.List;

import io.userstream.model.Labels;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The labels to draw from ({@code userstream.labels.*}).
 *
 * @param values the labels, each drawn with equal probability; the original five when not set
 * @param seed fixes the draws, for reproducible runs; random when absent
 */
@ConfigurationProperties("userstream.labels")
record LabelsProperties(List<String> values, Long seed) {

	LabelsProperties {
		values = (values != null) ? values : Labels.DEFAULT_VALUES;
		if (values.isEmpty()) {
			throw new IllegalArgumentException("userstream.labels.values is empty: list at least one label to draw from");
		}
		values = List.copyOf(values);
	}

}
