package io.userstream.kafka.streams;

import io.userstream.model.Stage;

/**
 * Where a stream stage reads and writes. Input that is not a valid user of {@code reads} goes to the
 * source's dead-letter topic.
 *
 * @param reads the stage that wrote the source topic
 */
public record StreamRoute(String source, String target, Stage reads) {

}
