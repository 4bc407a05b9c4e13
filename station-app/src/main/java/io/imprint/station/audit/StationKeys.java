package io.imprint.station.audit;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Station public keys: their id (hex SHA-256 of the DER SubjectPublicKeyInfo), the signature
 * algorithm used with each, and PEM in and out.
 *
 * <p>Stateless and thread-safe.
 */
public final class StationKeys {

    private StationKeys() {
    }

    /** Hex SHA-256 of the DER SubjectPublicKeyInfo: what {@code audit_checkpoints.signer_key_id} holds. */
    public static String keyId(PublicKey key) {
        return HexFormat.of().formatHex(ChainEncoding.sha256(spki(key)));
    }

    /**
     * The signature algorithm for a key, chosen by the verifier from the key it trusts rather than
     * read from the log, so a copy cannot pick a weaker algorithm for itself.
     */
    public static String signatureAlgorithm(PublicKey key) {
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return bits <= 256 ? "SHA256withECDSA" : bits <= 384 ? "SHA384withECDSA" : "SHA512withECDSA";
        }
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new IllegalArgumentException("audit keys of type " + key.getAlgorithm() + " are not supported");
        };
    }

    /** The key as a {@code PUBLIC KEY} PEM block. */
    public static String pem(PublicKey key) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(spki(key));
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    /** A key from a PEM file holding a {@code PUBLIC KEY} or a {@code CERTIFICATE}. */
    public static PublicKey readPem(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            return parsePem(reader, file.toString());
        }
    }

    static PublicKey parsePem(Reader reader, String where) throws IOException {
        try (PEMParser parser = new PEMParser(reader)) {
            Object object = parser.readObject();
            SubjectPublicKeyInfo info = switch (object) {
                case SubjectPublicKeyInfo spki -> spki;
                case X509CertificateHolder certificate -> certificate.getSubjectPublicKeyInfo();
                case null -> throw new IOException(where + " holds no PEM public key or certificate");
                default -> throw new IOException(where + " holds a " + object.getClass().getSimpleName() + ", not a public key or certificate");
            };
            return new JcaPEMKeyConverter().getPublicKey(info);
        } catch (RuntimeException e) {
            throw new IOException(where + " is not a readable PEM public key: " + e.getMessage(), e);
        }
    }

    /** A key from its DER SubjectPublicKeyInfo, as the signers table keeps it. */
    static PublicKey fromSpki(byte[] der) throws IOException {
        try {
            return new JcaPEMKeyConverter().getPublicKey(SubjectPublicKeyInfo.getInstance(der));
        } catch (RuntimeException e) {
            throw new IOException("not a SubjectPublicKeyInfo: " + e.getMessage(), e);
        }
    }

    /** The DER SubjectPublicKeyInfo, re-encoded so keys from different providers get one id. */
    static byte[] spki(PublicKey key) {
        try {
            return SubjectPublicKeyInfo.getInstance(key.getEncoded()).getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalArgumentException("public key " + key.getAlgorithm() + " has no DER encoding", e);
        }
    }
}
