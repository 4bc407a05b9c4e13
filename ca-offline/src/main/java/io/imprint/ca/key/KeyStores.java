package io.imprint.ca.key;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What both key backends ask of their JCA key store, said once. Callers hold their own lock: a
 * {@link KeyStore} is not thread-safe.
 */
final class KeyStores {

    private KeyStores() {
    }

    /** Whether a key of that name exists, or was created in this session and waits for its certificate. */
    static boolean exists(KeyStore keyStore, Map<String, ?> pending, String object, String where) throws KeyManagerException {
        try {
            return pending.containsKey(object) || keyStore.containsAlias(object);
        } catch (GeneralSecurityException e) {
            throw new KeyManagerException("cannot list keys in " + where + ": " + Pkcs11KeyManager.rootMessage(e), e);
        }
    }

    /** The certificate chain stored beside a key, leaf first. */
    static List<X509Certificate> chain(KeyStore keyStore, String object, String where) throws KeyManagerException {
        try {
            Certificate[] chain = keyStore.getCertificateChain(object);
            if (chain == null) {
                throw new KeyManagerException("no certificate stored for '" + object + "' in " + where);
            }
            return Arrays.stream(chain).map(c -> (X509Certificate) c).toList();
        } catch (GeneralSecurityException e) {
            throw new KeyManagerException("cannot read the chain of '" + object + "' in " + where + ": " + Pkcs11KeyManager.rootMessage(e), e);
        }
    }
}
