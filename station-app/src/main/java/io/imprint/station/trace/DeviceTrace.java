package io.imprint.station.trace;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything the batch log knows of one board, as of one moment: its device row, every attempt with
 * its step timings, every certificate, the claim deliveries and the audit events that name it. Times
 * are UTC instants; a null means "not yet" (an unfinished attempt, a certificate never revoked).
 *
 * <p>Immutable and thread-safe.
 */
public record DeviceTrace(Device device, List<Attempt> attempts, List<Certificate> certificates, List<ClaimDelivery> claims,
                          List<Event> events) {

    public DeviceTrace {
        attempts = List.copyOf(attempts);
        certificates = List.copyOf(certificates);
        claims = List.copyOf(claims);
        events = List.copyOf(events);
    }

    /** The devices row. */
    public record Device(String deviceId, String batchId, String status, String chipUid, String hardwareRevision, String firmwareVersion,
                         String certificateSerial, Instant firstSeenAt, Instant provisionedAt, String reprovisionBy) {
    }

    /** One attempt on a slot; {@code outcome} is null while it has not finished. */
    public record Attempt(long attemptId, String batchId, String slot, String port, String operator, String stepReached, String outcome,
                          String failureReason, String nextAction, String certificateSerial, Instant startedAt, Instant finishedAt,
                          List<StepTime> steps) {

        public Attempt {
            steps = List.copyOf(steps);
        }

        /** Wall time from start to finish; null while unfinished. */
        public Duration duration() {
            return finishedAt == null ? null : Duration.between(startedAt, finishedAt);
        }
    }

    /** How long one step of an attempt took. */
    public record StepTime(String step, long millis) {
    }

    /** One certificate the station issued for the board. */
    public record Certificate(String serial, String batchId, String profile, String sha256, Instant notBefore, Instant notAfter, String status,
                              Instant issuedAt, Instant revokedAt, String revocationReason) {
    }

    /** A batch claim credential delivered to the board (CLAIM batches). */
    public record ClaimDelivery(String batchId, String certificateSha256, Instant deliveredAt) {
    }

    /** An audit event whose subject is the board's id or one of its certificate serials. */
    public record Event(long seq, Instant occurredAt, String stationId, String actor, String action, String subject, String details) {
    }
}
