package io.imprint.ca.key;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;

/**
 * The keys of a JCA {@link KeyStore}, as both backends keep them: key pairs created in this session
 * wait (pending) until their certificate is stored, signers are looked up by alias, sealing keys are
 * AES-256 secret-key entries found again by name and cached. What differs between a PKCS#11 token and
 * a PKCS#12 file (where keys are generated, which provider signs, what happens once a sealing key is
 * made) is the {@link Backend}'s; so is the wording of the failures only one backend has.
 *
 * <p>The entry password is {@code null} for a token (it protects its objects by the login) and the
 * store's PIN for a PKCS#12 file; it never appears in a message. {@link #close()} wipes it.
 *
 * <p>Not thread-safe: a {@link KeyStore} is not, so the owning backend serialises every call.
 */
final class KeyStoreKeys {

    /** What a backend decides about its own store. */
    interface Backend {

        /** A fresh key pair for {@code object}; failures worded by the backend. */
        KeyPair generateKeyPair(String object, KeyAlgorithm algorithm) throws KeyManagerException;

        /** The provider a private key of this store signs in. */
        Provider signingProvider(PrivateKey key);

        /** A fresh AES-256 key, to become a sealing-key entry of the store. */
        SecretKey generateSealingKey() throws GeneralSecurityException;

        /** Called once the entry of a new sealing key {@code name} is set (a file saves it here). */
        void sealingKeyMade(String name) throws KeyManagerException, GeneralSecurityException;
    }

    private final KeyStore keyStore;
    private final char[] password;
    private final String where;
    private final Backend backend;
    private final boolean uncheckedProviderFailures;
    private final Map<String, KeyPair> pending = new ConcurrentHashMap<>();
    private final Map<String, SecretKey> sealingKeys = new ConcurrentHashMap<>();

    /**
     * @param password the entries' password, {@code null} for a token; kept (not copied) until {@link #close()}
     * @param where the backend's {@code describe()}, for messages
     * @param uncheckedProviderFailures whether the store's provider reports failures unchecked as well
     *        (SunPKCS11's ProviderException): those are then reported like the checked ones
     */
    KeyStoreKeys(KeyStore keyStore, char[] password, String where, Backend backend, boolean uncheckedProviderFailures) {
        this.keyStore = keyStore;
        this.password = password;
        this.where = where;
        this.backend = backend;
        this.uncheckedProviderFailures = uncheckedProviderFailures;
    }

    /** Whether a key of that name exists, or was created in this session and waits for its certificate. */
    boolean exists(String object) throws KeyManagerException {
        try {
            return pending.containsKey(object) || keyStore.containsAlias(object);
        } catch (GeneralSecurityException e) {
            throw new KeyManagerException("cannot list keys in " + where + ": " + rootMessage(e), e);
        }
    }

    /** Generates a key pair that waits for its certificate; refuses an existing name. */
    KeySigner createKey(String object, KeyAlgorithm algorithm) throws KeyManagerException {
        if (exists(object)) {
            throw new KeyManagerException("refused: a key named '" + object + "' already exists in " + where + "; existing keys are never overwritten");
        }
        KeyPair pair = backend.generateKeyPair(object, algorithm);
        pending.put(object, pair);
        return new JcaKeySigner(object, pair.getPrivate(), pair.getPublic(), algorithm.signatureAlgorithm(), backend.signingProvider(pair.getPrivate()));
    }

    /** A signer for a pending key or for a key entry of the store. */
    KeySigner signer(String object) throws KeyManagerException {
        KeyPair fresh = pending.get(object);
        if (fresh != null) {
            return new JcaKeySigner(object, fresh.getPrivate(), fresh.getPublic(), signatureAlgorithm(fresh.getPublic()), backend.signingProvider(fresh.getPrivate()));
        }
        try {
            if (!keyStore.isKeyEntry(object)) {
                throw new KeyManagerException("no key named '" + object + "' in " + where);
            }
            PrivateKey key = (PrivateKey) keyStore.getKey(object, password);
            PublicKey publicKey = keyStore.getCertificate(object).getPublicKey();
            return new JcaKeySigner(object, key, publicKey, signatureAlgorithm(publicKey), backend.signingProvider(key));
        } catch (GeneralSecurityException e) {
            throw new KeyManagerException("cannot use key '" + object + "' in " + where + ": " + rootMessage(e), e);
        }
    }

    /**
     * Sets the key entry of {@code object} (pending or stored) with this chain. The key stays pending
     * until {@link #stored}: the backend says when the entry has lasted (a file once it is saved), and
     * words the store's failures itself.
     */
    void putChain(String object, List<X509Certificate> chain) throws KeyManagerException, GeneralSecurityException {
        KeyPair fresh = pending.get(object);
        PrivateKey key = fresh != null ? fresh.getPrivate() : (PrivateKey) keyStore.getKey(object, password);
        if (key == null) {
            throw new KeyManagerException("no key named '" + object + "' in " + where);
        }
        keyStore.setKeyEntry(object, key, password, chain.toArray(new Certificate[0]));
    }

    /** The key of {@code object} is in the store for good: it no longer waits. */
    void stored(String object) {
        pending.remove(object);
    }

    /** The certificate chain stored beside a key, leaf first. */
    List<X509Certificate> chain(String object) throws KeyManagerException {
        try {
            Certificate[] chain = keyStore.getCertificateChain(object);
            if (chain == null) {
                throw new KeyManagerException("no certificate stored for '" + object + "' in " + where);
            }
            return Arrays.stream(chain).map(c -> (X509Certificate) c).toList();
        } catch (GeneralSecurityException e) {
            throw new KeyManagerException("cannot read the chain of '" + object + "' in " + where + ": " + rootMessage(e), e);
        }
    }

    /** The AES-256 sealing key {@code name}, made if {@code create} and missing. Cached once found. */
    SecretKey sealingKey(String name, boolean create) throws KeyManagerException {
        SecretKey known = sealingKeys.get(name);
        if (known != null) {
            return known;
        }
        try {
            if (!keyStore.containsAlias(name) && !pending.containsKey(name)) {
                if (!create) {
                    throw new KeyManagerException("no sealing key named '" + name + "' in " + where);
                }
                KeyStore.ProtectionParameter protection = password == null ? null : new KeyStore.PasswordProtection(password);
                keyStore.setEntry(name, new KeyStore.SecretKeyEntry(backend.generateSealingKey()), protection);
                backend.sealingKeyMade(name);
            }
            if (!(keyStore.getKey(name, password) instanceof SecretKey key) || !"AES".equals(key.getAlgorithm())) {
                throw new KeyManagerException("'" + name + "' in " + where + " is not an AES sealing key");
            }
            sealingKeys.put(name, key);
            return key;
        } catch (GeneralSecurityException e) {
            throw sealingKeyFailure(name, e);
        } catch (RuntimeException e) {
            if (!uncheckedProviderFailures) {
                throw e;
            }
            throw sealingKeyFailure(name, e);
        }
    }

    private KeyManagerException sealingKeyFailure(String name, Exception e) {
        return new KeyManagerException("cannot make or find sealing key '" + name + "' in " + where + ": " + rootMessage(e), e);
    }

    /** Wipes the entry password, if any. */
    void close() {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }

    /** The innermost cause, as {@code Class: message}: what a failure says without its wrapping. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** The signature algorithm for an existing key: ECDSA with the hash its curve calls for, else RSA. */
    static String signatureAlgorithm(PublicKey key) {
        if (key instanceof java.security.interfaces.ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize() > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
        }
        return "SHA256withRSA";
    }
}
