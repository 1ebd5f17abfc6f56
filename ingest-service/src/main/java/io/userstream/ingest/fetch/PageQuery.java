package io.userstream.ingest.fetch;

/**
 * One request of a run: {@code results} users of page {@code page} of {@code seed}.
 *
 * @param nat comma-separated nationalities, or {@code null} for all
 */
public record PageQuery(String seed, int page, int results, String nat) {
}
