package io.imprint.station.sync.export;

import io.imprint.station.audit.ChainSigner;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * ES256 for JWS (RFC 7515/7518) through the station's signer: the token's PKCS#11 {@code SHA256withECDSA}
 * returns the signature DER-encoded, JWS wants the raw 64 bytes r‖s, so the DER is taken apart here (a
 * signer that already gives 64 raw bytes, such as {@code SHA256withECDSAinP1363Format}, is passed through).
 *
 * <p>Thread-safe if the signer is (the station's signers are).
 */
final class JwsSigning {

    static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private final ChainSigner signer;

    JwsSigning(ChainSigner signer) throws ExportException {
        if (!(signer.publicKey() instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
            throw ExportException.refused("the station key is not an EC P-256 key: a Microchip-style manifest is signed with ES256");
        }
        this.signer = signer;
    }

    /** The base64url (unpadded) r‖s signature of {@code protected + "." + payload}. */
    String sign(String signingInput) throws ExportException {
        try {
            return B64URL.encodeToString(rawRs(signer.sign(signingInput.getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
        } catch (GeneralSecurityException e) {
            throw ExportException.failed("the station key could not sign the manifest: " + e.getMessage(), e);
        }
    }

    static byte[] rawRs(byte[] signature) throws SignatureException {
        if (signature.length == 64 && signature[0] != 0x30) {
            return signature;
        }
        try {
            ASN1Sequence seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(signature));
            byte[] out = new byte[64];
            put(ASN1Integer.getInstance(seq.getObjectAt(0)).getPositiveValue(), out, 0);
            put(ASN1Integer.getInstance(seq.getObjectAt(1)).getPositiveValue(), out, 32);
            return out;
        } catch (IOException | RuntimeException e) {
            throw new SignatureException("an ECDSA signature that is neither DER nor raw r||s (" + signature.length + " bytes)", e);
        }
    }

    private static void put(BigInteger v, byte[] out, int at) throws SignatureException {
        byte[] b = v.toByteArray();
        int skip = 0;
        while (skip < b.length - 1 && b[skip] == 0) {
            skip++; // the sign byte of a value with its top bit set
        }
        int length = b.length - skip;
        if (length > 32) {
            throw new SignatureException("an ECDSA P-256 value longer than 32 bytes");
        }
        System.arraycopy(b, skip, out, at + 32 - length, length);
    }

    /** The {@code kid}: base64url of the signer certificate's subject key identifier (RFC 5280 method 1 if it carries none). */
    static String kid(X509Certificate signerCertificate) throws ExportException {
        byte[] ext = signerCertificate.getExtensionValue("2.5.29.14");
        try {
            byte[] ski = ext != null
                    ? SubjectKeyIdentifier.getInstance(org.bouncycastle.asn1.ASN1OctetString.getInstance(ext).getOctets()).getKeyIdentifier()
                    : new JcaX509ExtensionUtils().createSubjectKeyIdentifier(signerCertificate.getPublicKey()).getKeyIdentifier();
            return B64URL.encodeToString(ski);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw ExportException.failed("cannot read the station certificate's key identifier: " + e.getMessage(), e);
        }
    }

    /** The {@code x5t#S256}: base64url of the SHA-256 of the signer certificate's DER. */
    static String thumbprint(X509Certificate signerCertificate) throws ExportException {
        try {
            return B64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(signerCertificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw ExportException.failed("cannot hash the station certificate: " + e.getMessage(), e);
        }
    }
}
