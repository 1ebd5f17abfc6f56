package io.userstream.kafka.streams;

/** A record's bytes on their way out: the enriched user, or the original bytes of a dead letter. */
record Routed(byte[] value, boolean deadLetter) {

}
