package io.imprint.ca.key;

/**
 * Optional capability: encrypt small secrets (a claim key, say) under a named AES-256 key that never
 * leaves the backend, so what is written to disk is useless without the token. AES-GCM: the output is
 * a fresh 12-byte IV followed by the ciphertext and its 16-byte tag, and {@code associatedData} (a batch
 * id, say) is authenticated but not stored, so sealed bytes moved to another record do not unseal.
 *
 * <p>The key is made on the first {@link #seal} under its name and found by name in later sessions.
 * Callers own the plaintext arrays they pass and receive, and wipe them.
 *
 * <p>Implementations are thread-safe.
 */
public interface SecretSealer {

    /** Encrypts {@code plaintext}; creates the key {@code keyName} if the backend has none of that name. */
    byte[] seal(String keyName, byte[] plaintext, byte[] associatedData) throws KeyManagerException;

    /**
     * Decrypts what {@link #seal} returned for the same key name and associated data.
     *
     * @throws UnsealRefusedException if the bytes or the associated data differ from what was sealed
     * @throws KeyManagerException    if there is no key of that name, or the backend fails
     */
    byte[] unseal(String keyName, byte[] sealed, byte[] associatedData) throws KeyManagerException, UnsealRefusedException;
}
