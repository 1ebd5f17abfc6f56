package io.userstream.persist.user;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The labels label-service assigns ({@code userstream.labels.values}, a shared default); the filters accept only these. */
@ConfigurationProperties("userstream.labels")
record LabelsProperties(List<String> values) {
}
