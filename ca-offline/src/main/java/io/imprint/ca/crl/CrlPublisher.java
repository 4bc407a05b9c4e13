package io.imprint.ca.crl;

import io.imprint.ca.CaException;
import io.imprint.ca.issue.Pem;
import io.imprint.ca.key.KeySigner;
import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Builds a v2 CRL of the issuing CA's revocations, signed with the issuing key in the token, with the
 * authority key identifier and a CRL number.
 *
 * <p>Stateless and thread-safe.
 */
public final class CrlPublisher {

    private CrlPublisher() {
    }

    /** Returns the CRL as PEM. */
    public static String publish(KeySigner issuingKey, X509Certificate issuingCertificate, List<Revocations.Revocation> revoked,
                                 BigInteger crlNumber, Instant thisUpdate, Duration nextUpdateIn) throws CaException {
        try {
            Instant now = thisUpdate.truncatedTo(ChronoUnit.SECONDS);
            X509v2CRLBuilder b = new X509v2CRLBuilder(new JcaX509CertificateHolder(issuingCertificate).getSubject(), Date.from(now));
            b.setNextUpdate(Date.from(now.plus(nextUpdateIn)));
            for (Revocations.Revocation r : revoked) {
                b.addCRLEntry(r.serial(), Date.from(r.time()), r.reason().code());
            }
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuingCertificate.getPublicKey()));
            b.addExtension(Extension.cRLNumber, false, new CRLNumber(crlNumber));
            return Pem.encode("X509 CRL", b.build(issuingKey.contentSigner()).getEncoded());
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new CaException("cannot build the CRL: " + e.getMessage(), e);
        }
    }
}
