package io.userstream.persist.user;

import java.util.List;

import io.userstream.model.Labels;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The labels label-service assigns ({@code userstream.labels.values}); the filters accept only these. */
@ConfigurationProperties("userstream.labels")
record LabelsProperties(List<String> values) {

	LabelsProperties {
		values = (values != null) ? values : Labels.DEFAULT_VALUES;
	}

}
