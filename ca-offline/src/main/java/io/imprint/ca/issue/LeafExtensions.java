package io.imprint.ca.issue;

import io.imprint.ca.profile.CertificateProfile;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * The extensions of every leaf: fixed by the profile, never taken from the CSR. The parts that do not
 * change per certificate are built once.
 *
 * <p>Immutable and thread-safe.
 */
final class LeafExtensions {

    private final BasicConstraints notCa = new BasicConstraints(false);
    private final KeyUsage keyUsage = new KeyUsage(KeyUsage.digitalSignature);
    private final ExtendedKeyUsage clientAuth = new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth);
    private final AuthorityKeyIdentifier authorityKeyId;

    LeafExtensions(X509CertificateHolder issuer) {
        SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(issuer.getExtensions());
        this.authorityKeyId = new AuthorityKeyIdentifier(ski != null ? ski.getKeyIdentifier() : keyId(issuer.getSubjectPublicKeyInfo()));
    }

    void addTo(X509v3CertificateBuilder builder, SubjectPublicKeyInfo key, CertificateProfile profile, String deviceId) throws CertIOException {
        builder.addExtension(Extension.basicConstraints, true, notCa);
        builder.addExtension(Extension.keyUsage, true, keyUsage);
        builder.addExtension(Extension.extendedKeyUsage, false, clientAuth);
        builder.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyId(key)));
        builder.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyId);
        if (profile.sanUriPrefix().isPresent()) {
            GeneralName uri = new GeneralName(GeneralName.uniformResourceIdentifier, profile.sanUriPrefix().get() + deviceId);
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(uri));
        }
    }

    /** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits. */
    static byte[] keyId(SubjectPublicKeyInfo key) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(key.getPublicKeyData().getBytes());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
