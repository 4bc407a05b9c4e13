package io.imprint.ca.key;

import java.security.PublicKey;
import org.bouncycastle.operator.ContentSigner;

/**
 * A token key's signer that outlives a lost login: after {@link Pkcs11KeyManager#relogin} it fetches
 * its key handle again (the old one is {@code CKR_OBJECT_HANDLE_INVALID} by then), and refuses a key
 * that came back with another public key.
 *
 * <p>Thread-safe: the current handle is swapped atomically; a race fetches twice, harmlessly.
 */
final class TokenSigner implements KeySigner {

    private record Handle(long login, JcaKeySigner key) {
    }

    private final Pkcs11KeyManager keys;
    private final String object;
    private final PublicKey publicKey;
    private final String signatureAlgorithm;
    private volatile Handle handle;

    TokenSigner(Pkcs11KeyManager keys, String object, long login, JcaKeySigner key) {
        this.keys = keys;
        this.object = object;
        this.publicKey = key.publicKey();
        this.signatureAlgorithm = key.signatureAlgorithm();
        this.handle = new Handle(login, key);
    }

    @Override
    public String object() {
        return object;
    }

    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    @Override
    public ContentSigner contentSigner() throws KeyManagerException {
        return current().contentSigner();
    }

    private JcaKeySigner current() throws KeyManagerException {
        Handle h = handle;
        long login = keys.logins();
        if (h.login() == login) {
            return h.key();
        }
        JcaKeySigner fresh = keys.fetch(object);
        if (!fresh.publicKey().equals(publicKey)) {
            throw new KeyManagerException("refused: key '" + object + "' in " + keys.describe()
                    + " is not the key the station started with: a different token carries the same label");
        }
        handle = new Handle(login, fresh);
        return fresh;
    }

    @Override
    public String toString() {
        return "KeySigner[" + object + ", " + signatureAlgorithm + "]";
    }
}
