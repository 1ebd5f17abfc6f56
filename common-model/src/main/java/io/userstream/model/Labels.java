package io.userstream.model;

/** The labels label-service draws from unless told otherwise; persist-service's read API filters on the same. */
public final class Labels {

	/** Comma-separated, as {@code userstream.labels.values} takes them. */
	public static final String DEFAULT_VALUES = "Good,Bad,Excellent,Awful,Normal";

	private Labels() {
	}

}
