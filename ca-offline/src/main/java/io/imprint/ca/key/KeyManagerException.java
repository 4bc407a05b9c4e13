package io.imprint.ca.key;

import io.imprint.ca.CaException;

/**
 * A key backend failed: the token is missing, the PIN was refused, a key does not exist or already exists.
 * Messages name the token and object, never the PIN.
 *
 * <p>Immutable and thread-safe.
 */
public final class KeyManagerException extends CaException {

    public KeyManagerException(String message) {
        super(message);
    }

    public KeyManagerException(String message, Throwable cause) {
        super(message, cause);
    }
}
