package io.imprint.station.audit;

import java.util.Objects;

/**
 * What happened, as the engine tells the audit trail: who did it, what, to what, and details as a
 * JSON text (stored and hashed exactly as given; {@code null} becomes {@code {}}, a {@code null}
 * subject becomes the empty string). The trail adds seq, time, station id and the hashes. Lengths
 * are checked here, against the columns of {@code audit_events}, so an oversized event fails before
 * it touches the chain.
 *
 * <p>Immutable and thread-safe.
 */
public record AuditEvent(String actor, String action, String subject, String detailsJson) {

    public AuditEvent {
        requireText(actor, "actor", 64);
        requireText(action, "action", 64);
        subject = subject == null ? "" : subject;
        detailsJson = detailsJson == null ? "{}" : detailsJson;
        requireLength(subject, "subject", 256);
        requireLength(detailsJson, "details", 65536);
    }

    private static void requireText(String value, String what, int maxLength) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException("an audit event needs a non-blank " + what);
        }
        requireLength(value, what, maxLength);
    }

    private static void requireLength(String value, String what, int maxLength) {
        if (value.length() > maxLength) {
            throw new IllegalArgumentException("audit event " + what + " is " + value.length() + " characters; at most " + maxLength + " fit");
        }
    }
}
