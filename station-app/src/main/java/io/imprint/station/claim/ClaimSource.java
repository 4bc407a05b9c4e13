package io.imprint.station.claim;

/** Where a batch's claim credential came from: the station's own CA, or a cloud provider through a supervisor. */
public enum ClaimSource {
    /** Issued by this station's CA under the {@code claim} profile; the key was made in the station. */
    ISSUED,
    /** Made by a cloud provider (e.g. AWS IoT's CreateKeysAndCertificate) and imported by a supervisor. */
    IMPORTED
}
