package io.imprint.ca.key;

/**
 * An optional capability of a key backend whose login can be lost while the station runs: a USB HSM
 * pulled and put back, a token power-cycled. Logging in again makes every signer handed out before
 * work again, so the CA, the audit trail and the claim sealer need not be rebuilt.
 *
 * <p>Implementations are thread-safe.
 */
public interface Relogin {

    /**
     * Finds the token again (it may come back on another slot), logs in with {@code pin} (wiped before
     * this returns) and fetches every key anew. A key that comes back different from the one its signer
     * started with is refused, not used: a different token with the same label is not the CA.
     *
     * @throws KeyManagerException the token is not there, or refused the PIN (never retried)
     */
    void relogin(char[] pin) throws KeyManagerException;
}
