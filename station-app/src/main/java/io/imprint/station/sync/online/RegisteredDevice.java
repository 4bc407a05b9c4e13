package io.imprint.station.sync.online;

import java.util.Optional;

/**
 * One device as a registry holds it, for reconcile.
 *
 * @param certificateSha256 lower-case hex SHA-256 of the certificate the registry holds for it, if any
 * @param active            whether the registry accepts that certificate
 */
public record RegisteredDevice(String deviceId, Optional<String> certificateSha256, boolean active) {
}
