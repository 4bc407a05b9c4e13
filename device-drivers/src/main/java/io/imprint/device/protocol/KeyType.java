package io.imprint.device.protocol;

import java.util.Optional;

/**
 * The device key's curve, which also fixes the digest of the VERIFY signature.
 *
 * <p>Immutable and thread-safe.
 */
public enum KeyType {
    EC_P256(1, "secp256r1", "SHA256withECDSA"),
    EC_P384(2, "secp384r1", "SHA384withECDSA");

    private final int code;
    private final String curve;
    private final String signatureAlgorithm;

    KeyType(int code, String curve, String signatureAlgorithm) {
        this.code = code;
        this.curve = curve;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    public int code() {
        return code;
    }

    /** The JCA name of the curve. */
    public String curve() {
        return curve;
    }

    /** The JCA algorithm that checks a VERIFY signature made with this key. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public static Optional<KeyType> ofCode(int code) {
        for (KeyType k : values()) {
            if (k.code == code) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
