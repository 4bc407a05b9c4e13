package io.imprint.station.audit;

import java.security.GeneralSecurityException;
import java.security.PublicKey;

/**
 * Signs chain heads with the station's key. Implementations must be thread-safe: appenders in
 * different threads checkpoint through the same signer.
 */
public interface ChainSigner {

    /** A signature over {@code data}, in the encoding {@link #algorithm()} verifies (DER for ECDSA). */
    byte[] sign(byte[] data) throws GeneralSecurityException;

    PublicKey publicKey();

    /** The JCA signature algorithm, e.g. {@code SHA256withECDSA}. */
    String algorithm();
}
