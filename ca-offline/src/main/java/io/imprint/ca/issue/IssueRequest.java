package io.imprint.ca.issue;

import java.util.Objects;
import java.util.Optional;

/**
 * A request to sign: the board's CSR (DER, as the board sent it: no PEM round trip), the device id read
 * from the board, the profile, and optionally the batch whose quota it counts against. A CSR that comes as
 * PEM text (a file, the CLI) is read through BouncyCastle's PemReader by {@link #of(String, String, String)}.
 *
 * <p>Immutable and thread-safe: the DER is copied in and out.
 */
public record IssueRequest(byte[] csrDer, String deviceId, String profile, Optional<String> batch) {

    public IssueRequest {
        Objects.requireNonNull(csrDer, "csrDer");
        Objects.requireNonNull(profile, "profile");
        csrDer = csrDer.clone();
        batch = batch == null ? Optional.empty() : batch;
    }

    @Override
    public byte[] csrDer() {
        return csrDer.clone();
    }

    public static IssueRequest of(byte[] csrDer, String deviceId, String profile) {
        return new IssueRequest(csrDer, deviceId, profile, Optional.empty());
    }

    /** A CSR in PEM: refused here, as {@link CertificateAuthority#issue} would, if it is empty, too long or not one CSR. */
    public static IssueRequest of(String csrPem, String deviceId, String profile) throws IssuanceRefusedException {
        try {
            return of(CsrCheck.parsePem(csrPem).getEncoded(), deviceId, profile);
        } catch (java.io.IOException e) {
            throw new IssuanceRefusedException("CSR cannot be encoded as DER (" + e.getMessage() + ")");
        }
    }

    public IssueRequest inBatch(String batchId) {
        return new IssueRequest(csrDer, deviceId, profile, Optional.of(batchId));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IssueRequest r && java.util.Arrays.equals(csrDer, r.csrDer) && Objects.equals(deviceId, r.deviceId)
                && profile.equals(r.profile) && batch.equals(r.batch);
    }

    @Override
    public int hashCode() {
        return Objects.hash(java.util.Arrays.hashCode(csrDer), deviceId, profile, batch);
    }

    @Override
    public String toString() {
        return "IssueRequest[" + csrDer.length + "-byte CSR, " + deviceId + ", " + profile + batch.map(b -> ", batch " + b).orElse("") + "]";
    }
}
