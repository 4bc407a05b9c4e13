package io.imprint.station.sync.online;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The certificate facts the registry clients compare: the SHA-256 of a PEM certificate's DER, written as the
 * station writes it (lower-case hex), and a registry's thumbprints brought to that form.
 *
 * <p>Stateless and thread-safe.
 */
public final class RegistryCertificates {

    private RegistryCertificates() {
    }

    /** Parses one PEM certificate; an IllegalArgumentException if it is not one. */
    public static X509Certificate parse(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | ClassCastException e) {
            throw new IllegalArgumentException("not a PEM X.509 certificate", e);
        }
    }

    public static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateException e) {
            throw new IllegalStateException("cannot hash a parsed certificate", e);
        }
    }

    public static String sha256OrNull(String pem) {
        try {
            return sha256(parse(pem));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** DPS writes thumbprints upper-case, some tools with colons: compare them as plain lower-case hex. */
    public static String normalisedHex(String thumbprint) {
        return thumbprint.replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
    }
}
