package io.imprint.device.protocol;

import java.util.Optional;

/**
 * What a PUT_CREDENTIAL carries. Certificates are DER; {@link #CA_CHAIN} is DER certificates
 * concatenated, leaf-most first; {@link #CLAIM_KEY} is a PKCS#8 DER private key and is never logged.
 *
 * <p>Immutable and thread-safe.
 */
public enum CredentialKind {
    /** The board's own certificate, for the key it generated or was given. */
    DEVICE_CERT(1),
    /** The issuing CA certificates above the device certificate, leaf-most first. */
    CA_CHAIN(2),
    /** A fleet claim certificate, shared by a batch of boards, for cloud-side claim provisioning. */
    CLAIM_CERT(3),
    /** The claim certificate's private key: secret, never logged. */
    CLAIM_KEY(4),
    /** A bootstrap certificate the board uses once to enrol for its operational certificate. */
    BOOTSTRAP_CERT(5);

    private final int code;

    CredentialKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Whether the item is a secret that must never appear in logs or dumps. */
    public boolean isSecret() {
        return this == CLAIM_KEY;
    }

    public static Optional<CredentialKind> ofCode(int code) {
        for (CredentialKind k : values()) {
            if (k.code == code) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
