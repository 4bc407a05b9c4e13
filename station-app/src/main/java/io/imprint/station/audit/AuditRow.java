package io.imprint.station.audit;

import java.time.Instant;

/**
 * One stored audit event, as read back from the database or an export, with the hashes it claims.
 *
 * <p>Immutable and thread-safe.
 */
public record AuditRow(long seq, Instant occurredAt, String stationId, String actor, String action, String subject,
                       String details, String prevHash, String hash) {

    /** A new event sealed onto the chain after {@code prevHash}. */
    static AuditRow seal(long seq, Instant occurredAt, String stationId, AuditEvent event, String prevHash) {
        Instant at = ChainEncoding.truncate(occurredAt);
        String hash = ChainEncoding.eventHash(seq, at, stationId, event.actor(), event.action(), event.subject(), event.detailsJson(), prevHash);
        return new AuditRow(seq, at, stationId, event.actor(), event.action(), event.subject(), event.detailsJson(), prevHash, hash);
    }

    /** The hash this row's content has if it sits at {@code position}: a row moved from there matches it. */
    String hashAt(long position) {
        return ChainEncoding.eventHash(position, occurredAt, stationId, actor, action, subject, details, prevHash);
    }

    boolean intact() {
        return hash.equals(hashAt(seq));
    }
}
