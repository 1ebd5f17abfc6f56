package io.userstream.kafka.deadletter;

import java.util.List;

/** A page of dead letters, newest first; {@code next} is the cursor for the older ones, null when there are none. */
public record DeadLetterPage(List<DeadLetter> deadLetters, String next) {
}
