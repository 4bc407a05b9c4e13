package io.imprint.station.sync.export;

import java.time.Instant;

/**
 * One provisioned board as an export lists it: the device and the one valid certificate it holds.
 *
 * @param certificateSha256 lower-case hex SHA-256 of the certificate's DER
 */
public record ExportDevice(String deviceId, String chipUid, String hardwareRevision, String firmwareVersion, String serial,
                           String certificatePem, String certificateSha256, Instant notAfter, Instant provisionedAt) {
}
