package io.imprint.ca.key;

import java.io.IOException;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.security.auth.login.LoginException;

/**
 * Keys in an HSM through the JDK's SunPKCS11 provider. Keys are generated in the token as private,
 * sensitive, non-extractable token objects; the CA never sees their bytes. Sealing keys
 * ({@link SecretSealer}) are AES-256 keys of the same kind, found again by their CKA_LABEL.
 *
 * <p>One provider is made per module and slot and kept for the life of the process: a provider per
 * login leaks native state (JDK-8262226). Thread-safe: key-store calls are serialised, signing is not.
 */
public final class Pkcs11KeyManager implements KeyManager, CertificateStore, SecretSealer, Relogin {

    private static final Map<String, Provider> PROVIDERS = new ConcurrentHashMap<>();

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Pkcs11KeyManager.class);

    private final KeyUri.Pkcs11 uri;
    // Replaced together, under this object's lock, when the token is logged in again (relogin).
    private volatile long slot;
    private volatile Provider provider;
    private volatile KeyStoreKeys keys;
    /** Counts logins: a signer fetches its key again once this moved on. */
    private final java.util.concurrent.atomic.AtomicLong logins = new java.util.concurrent.atomic.AtomicLong();

    private Pkcs11KeyManager(KeyUri.Pkcs11 uri, long slot, Provider provider, KeyStore keyStore) {
        this.uri = uri;
        this.slot = slot;
        this.provider = provider;
        this.keys = keysOf(keyStore);
    }

    private KeyStoreKeys keysOf(KeyStore keyStore) {
        // No entry password: the login protects the token's objects. SunPKCS11 reports token failures as ProviderException.
        return new KeyStoreKeys(keyStore, null, describe(), new TokenKeys(), true);
    }

    /** What the token does its own way: keys generated in it, signing in its provider. */
    private final class TokenKeys implements KeyStoreKeys.Backend {

        @Override
        public KeyPair generateKeyPair(String object, KeyAlgorithm algorithm) throws KeyManagerException {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.jcaName(), provider);
                generator.initialize(algorithm.spec());
                return generator.generateKeyPair();
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new KeyManagerException("cannot generate " + algorithm + " key '" + object + "' in " + describe() + ": " + KeyStoreKeys.rootMessage(e), e);
            }
        }

        @Override
        public Provider signingProvider(PrivateKey key) {
            return provider;
        }

        @Override
        public SecretKey generateSealingKey() throws GeneralSecurityException {
            KeyGenerator generator = KeyGenerator.getInstance("AES", provider);
            generator.init(256);
            return generator.generateKey();
        }

        @Override
        public void sealingKeyMade(String name) {
            LOG.info("made AES-256 sealing key '{}' in {}", name, describe());
        }
    }

    /** Finds the token by label, logs in with the PIN (which is wiped afterwards). */
    public static Pkcs11KeyManager open(KeyUri.Pkcs11 uri, char[] pin) throws KeyManagerException {
        try {
            long slot = Pkcs11Slots.slotOf(uri.modulePath(), uri.token());
            Provider provider = PROVIDERS.computeIfAbsent(providerKey(uri, slot), k -> configure(uri, slot));
            KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
            keyStore.load(null, pin);
            return new Pkcs11KeyManager(uri, slot, provider, keyStore);
        } catch (IOException e) {
            throw new KeyManagerException(loginFailure(uri, e));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyManagerException("cannot open PKCS#11 token '" + uri.token() + "': " + KeyStoreKeys.rootMessage(e), e);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    private static String providerKey(KeyUri.Pkcs11 uri, long slot) {
        return uri.modulePath() + "#" + slot;
    }

    private static Provider configure(KeyUri.Pkcs11 uri, long slot) {
        return Security.getProvider("SunPKCS11").configure(configText(uri, slot));
    }

    private static String configText(KeyUri.Pkcs11 uri, long slot) {
        String name = "Imprint-" + uri.token().replaceAll("[^A-Za-z0-9]", "") + "-" + Long.toUnsignedString(slot);
        String config = String.join("\n",
                "--name=" + name,
                "library=" + uri.modulePath(),
                "slot=" + Long.toUnsignedString(slot),
                // Keys made here are token objects the HSM will never let out.
                "attributes(generate, *, *) = {",
                "  CKA_TOKEN = true",
                "}",
                "attributes(generate, CKO_PRIVATE_KEY, *) = {",
                "  CKA_PRIVATE = true",
                "  CKA_SENSITIVE = true",
                "  CKA_EXTRACTABLE = false",
                "}",
                // A secret key is generated as a session object: the key store's setEntry copies it into
                // the token under its label, and would leave an unlabelled twin of a token-object original.
                "attributes(generate, CKO_SECRET_KEY, *) = {",
                "  CKA_TOKEN = false",
                "  CKA_PRIVATE = true",
                "  CKA_SENSITIVE = true",
                "  CKA_EXTRACTABLE = false",
                "}");
        return config;
    }

    private static String loginFailure(KeyUri.Pkcs11 uri, IOException e) {
        String chain = KeyStoreKeys.rootMessage(e);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LoginException || String.valueOf(t.getMessage()).contains("CKR_PIN_INCORRECT")) {
                if (chain.contains("CKR_PIN_LOCKED")) {
                    return "PKCS#11 login to token '" + uri.token() + "' refused: the PIN is locked (CKR_PIN_LOCKED); the security officer must reset it";
                }
                return "PKCS#11 login to token '" + uri.token() + "' refused: wrong PIN (CKR_PIN_INCORRECT). Not retried: HSMs lock the PIN after a few failures";
            }
        }
        return "PKCS#11 login to token '" + uri.token() + "' failed: " + chain;
    }

    @Override
    public String describe() {
        return "PKCS#11 token '" + uri.token() + "' (" + uri.modulePath() + ")";
    }

    @Override
    public synchronized boolean exists(String object) throws KeyManagerException {
        return keys.exists(object);
    }

    @Override
    public PublicKey publicKey(String object) throws KeyManagerException {
        return signer(object).publicKey();
    }

    @Override
    public synchronized KeySigner createKey(String object, KeyAlgorithm algorithm) throws KeyManagerException {
        return keys.createKey(object, algorithm);
    }

    /** A signer that follows the token through a {@link #relogin}: it fetches its key again after one. */
    @Override
    public synchronized KeySigner signer(String object) throws KeyManagerException {
        return new TokenSigner(this, object, logins.get(), (JcaKeySigner) keys.signer(object));
    }

    /** The key of {@code object} as the current login sees it. */
    synchronized JcaKeySigner fetch(String object) throws KeyManagerException {
        return (JcaKeySigner) keys.signer(object);
    }

    long logins() {
        return logins.get();
    }

    /**
     * Logs in again after the token was lost. The provider is logged out first, so the PIN is really
     * checked even where the token never noticed it was gone; a token back on another slot, or one the
     * old provider can no longer reach, gets a provider of its own (JDK-8262226's leak, once per re-plug).
     */
    @Override
    public synchronized void relogin(char[] pin) throws KeyManagerException {
        try {
            long now = Pkcs11Slots.slotOf(uri.modulePath(), uri.token());
            if (provider instanceof AuthProvider auth) {
                try {
                    auth.logout();
                } catch (LoginException | RuntimeException e) {
                    LOG.debug("logout before the new login of {} failed: {}", describe(), e.toString());
                }
            }
            Provider p = now == slot ? provider : PROVIDERS.computeIfAbsent(providerKey(uri, now), k -> configure(uri, now));
            KeyStore keyStore;
            try {
                keyStore = loggedIn(p, pin.clone());
            } catch (java.security.ProviderException | KeyStoreException e) {
                p = configure(uri, now);
                PROVIDERS.put(providerKey(uri, now), p);
                keyStore = loggedIn(p, pin.clone());
            }
            KeyStoreKeys old = keys;
            provider = p;
            slot = now;
            keys = keysOf(keyStore);
            old.close();
            logins.incrementAndGet();
            LOG.info("logged in to {} again", describe());
        } catch (IOException e) {
            throw new KeyManagerException(loginFailure(uri, e));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyManagerException("cannot log in to PKCS#11 token '" + uri.token() + "' again: " + KeyStoreKeys.rootMessage(e), e);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    private static KeyStore loggedIn(Provider p, char[] pin) throws IOException, GeneralSecurityException {
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS11", p);
            keyStore.load(null, pin);
            return keyStore;
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    @Override
    public synchronized void storeChain(String object, List<X509Certificate> chain) throws KeyManagerException {
        try {
            keys.putChain(object, chain);
            keys.stored(object);
            labelKey(object);
        } catch (GeneralSecurityException e) {
            throw new KeyManagerException("cannot store the certificate of '" + object + "' in " + describe() + ": " + KeyStoreKeys.rootMessage(e), e);
        }
    }

    /**
     * SunPKCS11 names the key by CKA_ID only; RFC 7512 tools look for CKA_LABEL. A token that refuses
     * the label (CKA_MODIFIABLE false) still works with Imprint, so a failure here is a warning.
     */
    private void labelKey(String object) {
        try {
            Pkcs11Labels.label(uri.modulePath(), slot, object.getBytes(java.nio.charset.StandardCharsets.UTF_8), object);
        } catch (KeyManagerException | RuntimeException e) {
            LOG.warn("key '{}' in {} keeps an empty CKA_LABEL: {}", object, describe(), e.getMessage());
        }
    }

    @Override
    public synchronized List<X509Certificate> chain(String object) throws KeyManagerException {
        return keys.chain(object);
    }

    @Override
    public byte[] seal(String keyName, byte[] plaintext, byte[] associatedData) throws KeyManagerException {
        return AesGcmSealing.seal(sealingKey(keyName, true), provider, keyName, describe(), plaintext, associatedData);
    }

    @Override
    public byte[] unseal(String keyName, byte[] sealed, byte[] associatedData) throws KeyManagerException, UnsealRefusedException {
        return AesGcmSealing.unseal(sealingKey(keyName, false), provider, keyName, describe(), sealed, associatedData);
    }

    /**
     * The AES-256 key labelled {@code name}, made in the token if {@code create} and missing. The token
     * copy setEntry makes keeps the generated key's CKA_SENSITIVE and CKA_NEVER_EXTRACTABLE (SoftHSM2
     * does; Pkcs11SecretSealerTest checks it with pkcs11-tool).
     */
    private synchronized SecretKey sealingKey(String name, boolean create) throws KeyManagerException {
        return keys.sealingKey(name, create);
    }

    /**
     * A JCA signature initialised with a token key, for the benchmark's ceiling: raw PKCS#11 signing
     * with none of the certificate work around it. Not thread-safe: one per thread.
     */
    public java.security.Signature rawSignature(String object) throws KeyManagerException {
        JcaKeySigner signer = fetch(object);
        try {
            java.security.Signature sig = java.security.Signature.getInstance(signer.signatureAlgorithm(), provider);
            sig.initSign(signer.privateKey());
            return sig;
        } catch (GeneralSecurityException e) {
            throw new KeyManagerException("cannot sign with '" + object + "': " + KeyStoreKeys.rootMessage(e), e);
        }
    }

    @Override
    public synchronized void close() {
        keys.close();
        if (provider instanceof AuthProvider auth) {
            try {
                auth.logout();
            } catch (LoginException e) {
                // Closing must not fail; the session ends with the process anyway.
            }
        }
    }
}
