package io.userstream.model;

/** Default topic names, the original scripts' own, and the dead-letter naming rule. */
public final class Topics {

	public static final String USERS_INFO = "users_info";

	public static final String TIMESTAMP_TOPIC = "timestamp_topic";

	public static final String LABEL_TOPIC = "label_topic";

	/** spring-kafka 4's default suffix for dead-letter topics. */
	public static final String DEAD_LETTER_SUFFIX = "-dlt";

	private Topics() {
	}

	public static String deadLetterOf(String topic) {
		return topic + DEAD_LETTER_SUFFIX;
	}

}
