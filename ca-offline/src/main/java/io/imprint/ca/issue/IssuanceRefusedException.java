package io.imprint.ca.issue;

import io.imprint.ca.CaException;

/**
 * The CA declined to sign: the request is malformed, fails a profile rule, or exceeds a quota.
 * Nothing was signed and nothing was recorded. The message says why in one line, e.g.
 * {@code CSR signature does not verify (proof of possession failed)}.
 *
 * <p>Immutable and thread-safe.
 */
public final class IssuanceRefusedException extends CaException {

    public IssuanceRefusedException(String reason) {
        super(reason);
    }

    public IssuanceRefusedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
