package io.imprint.ca.key;

import java.security.PublicKey;
import org.bouncycastle.operator.ContentSigner;

/**
 * A handle on one private key that can sign but never reveals the key.
 *
 * <p>Thread-safe: every call of {@link #contentSigner()} returns a fresh, single-use signer,
 * so many threads may sign at once.
 */
public interface KeySigner {

    /** The object name (PKCS#11 label or store alias) of the key. */
    String object();

    PublicKey publicKey();

    /** The JCA signature algorithm, e.g. {@code SHA256withECDSA}. */
    String signatureAlgorithm();

    /** A new signer for one signature. */
    ContentSigner contentSigner() throws KeyManagerException;
}
