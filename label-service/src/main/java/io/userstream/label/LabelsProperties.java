package io.userstream.label;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The labels to draw from ({@code userstream.labels.*}).
 *
 * @param values the labels, each drawn with equal probability
 * @param seed fixes the draws, for reproducible runs; random when absent
 */
@ConfigurationProperties("userstream.labels")
record LabelsProperties(@DefaultValue({ "Good", "Bad", "Excellent", "Awful", "Normal" }) List<String> values, Long seed) {

	LabelsProperties {
		if (values.isEmpty()) {
			throw new IllegalArgumentException("userstream.labels.values is empty: list at least one label to draw from");
		}
		values = List.copyOf(values);
	}

}
