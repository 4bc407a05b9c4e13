package io.imprint.station.report;

import java.time.Instant;

/**
 * One device of a batch as the report's per-device table shows it. Text fields came from the board
 * (device id, chip uid, revisions) and are untrusted: writers neutralise them for their format.
 *
 * @param deviceId          the board's id
 * @param status            PROVISIONING, PROVISIONED, FAILED or REVOKED
 * @param chipUid           the chip's unique id, hex
 * @param hardwareRevision  as the board reported it, or null
 * @param firmwareVersion   as the board reported it, or null
 * @param certificateSerial the device certificate's serial (hex), or null (CLAIM boards, not yet signed)
 * @param certificateSha256 its SHA-256 fingerprint (for CLAIM boards, the batch claim's), or null
 * @param notAfter          when the certificate expires, or null
 * @param slot              the slot of its last attempt in this batch, or null
 * @param operator          who ran that attempt, or null
 * @param attempts          its attempts in this batch
 * @param provisionedAt     when it passed, or null
 *
 * <p>Immutable and thread-safe.
 */
public record DeviceLine(String deviceId, String status, String chipUid, String hardwareRevision, String firmwareVersion,
                         String certificateSerial, String certificateSha256, Instant notAfter, String slot, String operator,
                         long attempts, Instant provisionedAt) {
}
