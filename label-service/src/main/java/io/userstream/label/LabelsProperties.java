package io.userstream.label;

import java.util.List;

import io.userstream.model.Labels;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The labels to draw from ({@code userstream.labels.*}).
 *
 * @param values the labels, each drawn with equal probability
 * @param seed fixes the draws, for reproducible runs; random when absent
 */
@ConfigurationProperties("userstream.labels")
record LabelsProperties(@DefaultValue(Labels.DEFAULT_VALUES) List<String> values, Long seed) {

	LabelsProperties {
		if (values == null || values.isEmpty()) {
			throw new IllegalArgumentException("userstream.labels.values is empty: list at least one label to draw from");
		}
		values = List.copyOf(values);
	}

}
