package io.userstream.model;

import java.util.List;

/** The labels label-service draws from unless told otherwise; persist-service's read API filters on the same. */
public final class Labels {

	public static final List<String> DEFAULT_VALUES = List.of("Good", "Bad", "Excellent", "Awful", "Normal");

	private Labels() {
	}

}
