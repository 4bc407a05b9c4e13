package io.imprint.ca.key;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.UnrecoverableKeyException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * Keys in a password-protected PKCS#12 file. Used only when the user names a {@code pkcs12:} URI:
 * the keys are in memory and on disk, not in an HSM, and {@link #WARNING} says so. Sealing keys
 * ({@link SecretSealer}) are AES-256 secret-key entries of the same file.
 *
 * <p>Thread-safe: store calls are serialised, signing is not.
 */
public final class SoftwareKeyManager implements KeyManager, CertificateStore, SecretSealer {

    public static final String WARNING = "WARNING: CA keys are in a software key store (%s), not in an HSM: anyone who copies the file and learns its PIN can sign as this CA";

    private final Path file;
    private final char[] pin;
    private final KeyStore keyStore;
    private final Provider provider;
    private final KeyStoreKeys keys;

    private SoftwareKeyManager(Path file, char[] pin, KeyStore keyStore) {
        this.file = file;
        this.pin = pin;
        this.keyStore = keyStore;
        this.provider = Security.getProvider("SunEC");
        // Entries are protected by the store's PIN (the same array: close() wipes it once).
        this.keys = new KeyStoreKeys(keyStore, pin, describe(), new FileKeys(), false);
    }

    /** What the file does its own way: keys generated in memory by the JDK, a new sealing key saved at once. */
    private final class FileKeys implements KeyStoreKeys.Backend {

        @Override
        public KeyPair generateKeyPair(String object, KeyAlgorithm algorithm) throws KeyManagerException {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.jcaName());
                generator.initialize(algorithm.spec());
                return generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new KeyManagerException("cannot generate " + algorithm + " key: " + KeyStoreKeys.rootMessage(e), e);
            }
        }

        @Override
        public Provider signingProvider(PrivateKey key) {
            return providerFor(key);
        }

        @Override
        public SecretKey generateSealingKey() throws GeneralSecurityException {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        }

        @Override
        public void sealingKeyMade(String name) throws KeyManagerException, GeneralSecurityException {
            saveOrForget(name);
        }
    }

    /** Opens or creates the store; keeps a copy of the PIN until {@link #close()} (the store needs it to save). */
    public static SoftwareKeyManager open(KeyUri.Pkcs12 uri, char[] pin) throws KeyManagerException {
        char[] copy = pin.clone();
        Arrays.fill(pin, '\0');
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            if (Files.exists(uri.file())) {
                try (InputStream in = Files.newInputStream(uri.file())) {
                    ks.load(in, copy);
                }
            } else {
                ks.load(null, copy);
            }
            return new SoftwareKeyManager(uri.file(), copy, ks);
        } catch (IOException e) {
            Arrays.fill(copy, '\0');
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new KeyManagerException("software key store " + uri.file() + ": wrong PIN");
            }
            throw new KeyManagerException("cannot read software key store " + uri.file() + ": " + KeyStoreKeys.rootMessage(e));
        } catch (GeneralSecurityException e) {
            Arrays.fill(copy, '\0');
            throw new KeyManagerException("cannot read software key store " + uri.file() + ": " + KeyStoreKeys.rootMessage(e));
        }
    }

    public String warning() {
        return WARNING.formatted(file);
    }

    @Override
    public String describe() {
        return "software key store " + file;
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

    @Override
    public synchronized KeySigner signer(String object) throws KeyManagerException {
        return keys.signer(object);
    }

    private Provider providerFor(PrivateKey key) {
        return "EC".equals(key.getAlgorithm()) ? provider : Security.getProvider("SunRsaSign");
    }

    @Override
    public synchronized void storeChain(String object, List<X509Certificate> chain) throws KeyManagerException {
        try {
            keys.putChain(object, chain);
            save();
            keys.stored(object);
        } catch (GeneralSecurityException | IOException e) {
            throw new KeyManagerException("cannot save " + describe() + ": " + KeyStoreKeys.rootMessage(e), e);
        }
    }

    @Override
    public byte[] seal(String keyName, byte[] plaintext, byte[] associatedData) throws KeyManagerException {
        return AesGcmSealing.seal(sealingKey(keyName, true), Security.getProvider("SunJCE"), keyName, describe(), plaintext, associatedData);
    }

    @Override
    public byte[] unseal(String keyName, byte[] sealed, byte[] associatedData) throws KeyManagerException, UnsealRefusedException {
        return AesGcmSealing.unseal(sealingKey(keyName, false), Security.getProvider("SunJCE"), keyName, describe(), sealed, associatedData);
    }

    /** The AES-256 entry {@code name}, made and saved if {@code create} and missing. Cached: each read of the file's entry runs its PBKDF2. */
    private synchronized SecretKey sealingKey(String name, boolean create) throws KeyManagerException {
        return keys.sealingKey(name, create);
    }

    /** A key that did not reach the file must not seal anything: after a restart it would be gone. */
    private void saveOrForget(String name) throws KeyManagerException, GeneralSecurityException {
        try {
            save();
        } catch (IOException | GeneralSecurityException e) {
            keyStore.deleteEntry(name);
            throw new KeyManagerException("cannot save " + describe() + " with sealing key '" + name + "': " + KeyStoreKeys.rootMessage(e), e);
        }
    }

    private void save() throws IOException, GeneralSecurityException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".store", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(tmp)) {
            keyStore.store(out, pin);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public synchronized List<X509Certificate> chain(String object) throws KeyManagerException {
        return keys.chain(object);
    }

    @Override
    public synchronized void close() {
        keys.close();
    }
}
