package io.imprint.ca.key;

import java.security.PublicKey;

/**
 * The port to wherever CA keys live: an HSM through PKCS#11, or a software store the user asked for.
 * Backends are chosen by URI through {@link KeyManagers#open}. Optional capabilities are separate
 * interfaces ({@link CertificateStore}, {@link SecretSealer}).
 *
 * <p>Implementations are thread-safe.
 */
public interface KeyManager extends AutoCloseable {

    /** What this backend is, for messages: {@code pkcs11 token 'station'}. */
    String describe();

    /** Whether a key with this object name exists. */
    boolean exists(String object) throws KeyManagerException;

    /** The public key of an existing key. */
    PublicKey publicKey(String object) throws KeyManagerException;

    /**
     * Generates a key inside the backend (in a token: sensitive and non-extractable).
     * Refuses when a key of that name exists. The key becomes findable by name in later
     * sessions once its certificate is stored through {@link CertificateStore}.
     */
    KeySigner createKey(String object, KeyAlgorithm algorithm) throws KeyManagerException;

    /** A signer for an existing key. */
    KeySigner signer(String object) throws KeyManagerException;

    @Override
    void close();
}
