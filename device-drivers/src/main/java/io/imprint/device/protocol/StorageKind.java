package io.imprint.device.protocol;

import java.util.Optional;

/**
 * Where a board keeps its key and credentials, as it declares in the HELLO reply. The station may
 * refuse boards whose storage is weaker than the product requires.
 *
 * <p>Immutable and thread-safe.
 */
public enum StorageKind {
    /** Lost at power-off: test and development boards only. */
    RAM(0),
    /** Ordinary internal or external flash, readable by any firmware. */
    FLASH(1),
    /** Flash behind read-out protection or a TrustZone / MPU boundary. */
    PROTECTED_FLASH(2),
    /** A secure element or TPM; the key never leaves it. */
    SECURE_ELEMENT(3);

    private final int code;

    StorageKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<StorageKind> ofCode(int code) {
        for (StorageKind k : values()) {
            if (k.code == code) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
