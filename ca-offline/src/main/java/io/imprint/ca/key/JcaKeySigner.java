package io.imprint.ca.key;

import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A {@link KeySigner} over a JCA private key and the provider that holds it. The provider is named
 * explicitly: a PKCS#11 key signs only in its own provider (BouncyCastle cannot use it).
 *
 * <p>Immutable and thread-safe.
 */
record JcaKeySigner(String object, PrivateKey privateKey, PublicKey publicKey, String signatureAlgorithm, Provider provider)
        implements KeySigner {

    @Override
    public ContentSigner contentSigner() throws KeyManagerException {
        try {
            return new JcaContentSignerBuilder(signatureAlgorithm).setProvider(provider).build(privateKey);
        } catch (OperatorCreationException | RuntimeException e) {
            throw new KeyManagerException("cannot sign with '" + object + "': " + KeyStoreKeys.rootMessage(e), e);
        }
    }

    @Override
    public String toString() {
        // The record's default toString would print the key object; keep it to the name.
        return "KeySigner[" + object + ", " + signatureAlgorithm + "]";
    }
}
