package io.imprint.ca.key;

import java.util.function.Consumer;

/**
 * Opens the backend a key URI names. A software store announces itself through {@code warnings}.
 *
 * <p>Stateless and thread-safe.
 */
public final class KeyManagers {

    private KeyManagers() {
    }

    public static KeyManager open(KeyUri uri, Consumer<String> warnings) throws KeyManagerException {
        return switch (uri) {
            case KeyUri.Pkcs11 p11 -> Pkcs11KeyManager.open(p11, PinSource.read(p11.pinSource(), "token '" + p11.token() + "'"));
            case KeyUri.Pkcs12 p12 -> {
                SoftwareKeyManager manager = SoftwareKeyManager.open(p12, PinSource.read(p12.pinSource(), "key store " + p12.file()));
                warnings.accept(manager.warning());
                yield manager;
            }
        };
    }

    /**
     * Opens the backend with a PIN the caller already has (the station's PIN dialog) instead of the
     * URI's pin-source. The PIN is wiped before this returns, whether the login worked or not.
     */
    public static KeyManager open(KeyUri uri, char[] pin, Consumer<String> warnings) throws KeyManagerException {
        try {
            return switch (uri) {
                case KeyUri.Pkcs11 p11 -> Pkcs11KeyManager.open(p11, pin.clone());
                case KeyUri.Pkcs12 p12 -> {
                    SoftwareKeyManager manager = SoftwareKeyManager.open(p12, pin.clone());
                    warnings.accept(manager.warning());
                    yield manager;
                }
            };
        } finally {
            java.util.Arrays.fill(pin, '\0');
        }
    }

    /** The certificate-store capability of a backend, or a clear error where it has none. */
    public static CertificateStore certificateStore(KeyManager manager) throws KeyManagerException {
        if (manager instanceof CertificateStore store) {
            return store;
        }
        throw new KeyManagerException(manager.describe() + " cannot keep certificates beside its keys");
    }

    /** The sealing capability of a backend, or a clear error where it has none. */
    public static SecretSealer secretSealer(KeyManager manager) throws KeyManagerException {
        if (manager instanceof SecretSealer sealer) {
            return sealer;
        }
        throw new KeyManagerException(manager.describe() + " cannot seal secrets");
    }
}
