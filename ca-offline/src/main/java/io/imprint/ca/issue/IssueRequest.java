package io.imprint.ca.issue;

import java.util.Objects;
import java.util.Optional;

/**
 * A request to sign: the board's CSR (PEM), the device id read from the board, the profile, and
 * optionally the batch whose quota it counts against.
 */
public record IssueRequest(String csrPem, String deviceId, String profile, Optional<String> batch) {

    public IssueRequest {
        Objects.requireNonNull(profile, "profile");
        batch = batch == null ? Optional.empty() : batch;
    }

    public static IssueRequest of(String csrPem, String deviceId, String profile) {
        return new IssueRequest(csrPem, deviceId, profile, Optional.empty());
    }

    public IssueRequest inBatch(String batchId) {
        return new IssueRequest(csrPem, deviceId, profile, Optional.of(batchId));
    }
}
