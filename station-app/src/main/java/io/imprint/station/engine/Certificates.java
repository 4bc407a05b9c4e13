package io.imprint.station.engine;

import io.imprint.ca.issue.Pem;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** PEM and DER of certificates, and the key fingerprint a returning board is matched by. Stateless. */
final class Certificates {

    private Certificates() {
    }

    static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    static byte[] der(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] spki(io.imprint.ca.issue.IssuedCertificate cert) {
        try {
            return cert.holder().getSubjectPublicKeyInfo().getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("own certificate does not encode", e);
        }
    }

    /** SHA-256 of the SubjectPublicKeyInfo. */
    static String publicKeySha256(byte[] subjectPublicKeyInfo) {
        return Pem.sha256Hex(subjectPublicKeyInfo);
    }
}
