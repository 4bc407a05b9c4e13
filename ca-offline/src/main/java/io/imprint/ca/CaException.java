package io.imprint.ca;

/**
 * The one checked exception of the offline CA. Its message is a single line an operator can read;
 * it never carries a PIN or key material.
 *
 * <p>Immutable and thread-safe.
 */
public class CaException extends Exception {

    public CaException(String message) {
        super(message);
    }

    public CaException(String message, Throwable cause) {
        super(message, cause);
    }
}
