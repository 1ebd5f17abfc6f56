package io.userstream.persist.user;

import java.util.List;

import io.userstream.model.Labels;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The labels label-service assigns ({@code userstream.labels.values}); the filters accept only these. */
@ConfigurationProperties("userstream.labels")
record LabelsProperties(@DefaultValue(Labels.DEFAULT_VALUES) List<String> values) {
}
