package io.imprint.station.sync.online;

/**
 * A certificate the station revoked, which the registry must stop accepting.
 *
 * @param entryId           the sync_outbox entry this delivers
 * @param certificateSha256 lower-case hex SHA-256 of the certificate's DER, if the station still has it (else null)
 */
public record Revocation(long entryId, String batchId, String deviceId, String serial, String certificateSha256, String reason) {
}
