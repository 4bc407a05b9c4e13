package io.imprint.ca.key;

import io.imprint.ca.CaException;

/**
 * Sealed bytes did not authenticate under their key: they were changed, truncated, or are presented
 * with other associated data than they were sealed with. Nothing was decrypted. The message names the
 * key, never the data.
 *
 * <p>Immutable and thread-safe.
 */
public final class UnsealRefusedException extends CaException {

    public UnsealRefusedException(String message) {
        super(message);
    }
}
