package io.imprint.station.audit;

/**
 * The last appended event as the head row records it.
 *
 * <p>Immutable and thread-safe.
 */
public record ChainHead(long seq, String hash) {
}
