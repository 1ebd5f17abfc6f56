package io.userstream.test;

import java.util.UUID;

/**
 * The API token of this test run: every service the tests start, in this JVM or as a process, accepts
 * it, and every MockMvc request sends it unless a test says otherwise.
 */
public final class TestApiToken {

	private static final String VALUE = "test-" + UUID.randomUUID();

	private TestApiToken() {
	}

	public static String value() {
		return VALUE;
	}

}
