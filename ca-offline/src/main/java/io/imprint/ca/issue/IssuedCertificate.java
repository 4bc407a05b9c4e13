package io.imprint.ca.issue;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * One signed certificate and the facts recorded about it.
 *
 * @param der          the certificate, DER
 * @param serial       its serial number (positive, at most 20 octets)
 * @param deviceId     the CN it was issued to
 * @param profile      the profile it was issued under
 * @param batch        the batch whose quota it counts against, if any
 * @param notBefore    start of validity
 * @param notAfter     end of validity
 */
public record IssuedCertificate(byte[] der, BigInteger serial, String deviceId, String profile, Optional<String> batch,
                                Instant notBefore, Instant notAfter) {

    public IssuedCertificate {
        der = der.clone();
    }

    @Override
    public byte[] der() {
        return der.clone();
    }

    public String serialHex() {
        return serial.toString(16);
    }

    public String sha256Fingerprint() {
        return Pem.sha256Hex(der);
    }

    public String pem() {
        return Pem.encode("CERTIFICATE", der);
    }

    public X509CertificateHolder holder() {
        try {
            return new X509CertificateHolder(der);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("own certificate does not parse", e);
        }
    }

    @Override
    public String toString() {
        return "IssuedCertificate[" + deviceId + ", serial " + serialHex() + ", " + profile + "]";
    }
}
