package io.imprint.ca.key;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Optional capability: keep a key's certificate chain beside the key (leaf first). A PKCS#11 token
 * lists a private key only when a certificate with the same CKA_ID exists, so the key ceremony stores
 * each CA certificate next to its key.
 *
 * <p>Implementations are thread-safe.
 */
public interface CertificateStore {

    void storeChain(String object, List<X509Certificate> chain) throws KeyManagerException;

    List<X509Certificate> chain(String object) throws KeyManagerException;
}
