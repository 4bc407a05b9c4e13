package io.imprint.station.audit;

import io.imprint.ca.key.KeyAlgorithm;
import io.imprint.ca.key.KeyManager;
import io.imprint.ca.key.KeyManagerException;
import io.imprint.ca.key.KeyManagers;
import io.imprint.ca.key.KeySigner;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;

/**
 * Signs chain heads with the station's own key in its token (through ca-offline's {@link KeySigner}),
 * so the private key never leaves the HSM.
 *
 * <p>Thread-safe: each signature takes a fresh single-use content signer.
 */
public final class TokenChainSigner implements ChainSigner {

    /** The token object name of the station's audit key. */
    public static final String DEFAULT_OBJECT = "station-audit";

    /** RFC 5280 4.1.2.5: the "no well-defined expiration" date. The key is retired by replacing it, not by a date. */
    private static final Instant NO_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

    private final KeySigner key;

    public TokenChainSigner(KeySigner key) {
        this.key = key;
    }

    /**
     * The audit key {@code object} of the token, made on first use: an ECDSA P-256 key generated in the
     * token, with a self-signed certificate stored beside it so later sessions find it by name (a
     * PKCS#11 token lists a private key only once a certificate shares its CKA_ID). Keep {@code keys}
     * open while the signer is in use: closing a PKCS#11 key manager logs the token out.
     */
    public static TokenChainSigner getOrCreate(KeyManager keys, String object, String stationId, Clock clock) throws KeyManagerException {
        if (keys.exists(object)) {
            return new TokenChainSigner(keys.signer(object));
        }
        KeySigner created = keys.createKey(object, KeyAlgorithm.EC_P256);
        X509Certificate certificate = selfSigned(created, stationId, clock.instant().truncatedTo(ChronoUnit.SECONDS));
        KeyManagers.certificateStore(keys).storeChain(object, List.of(certificate));
        return new TokenChainSigner(keys.signer(object));
    }

    @Override
    public byte[] sign(byte[] data) throws GeneralSecurityException {
        try {
            ContentSigner signer = key.contentSigner();
            try (OutputStream out = signer.getOutputStream()) {
                out.write(data);
            }
            return signer.getSignature();
        } catch (KeyManagerException | IOException | RuntimeException e) {
            throw new SignatureException("the audit key '" + key.object() + "' could not sign: " + e.getMessage(), e);
        }
    }

    @Override
    public PublicKey publicKey() {
        return key.publicKey();
    }

    @Override
    public String algorithm() {
        return key.signatureAlgorithm();
    }

    private static X509Certificate selfSigned(KeySigner key, String stationId, Instant now) throws KeyManagerException {
        try {
            X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.O, "Imprint")
                    .addRDN(BCStyle.CN, "Imprint audit key of station " + stationId)
                    .build();
            byte[] serial = new byte[16];
            new SecureRandom().nextBytes(serial);
            serial[0] = (byte) ((serial[0] & 0x7f) | 0x40); // positive and of fixed length
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(1, serial),
                    Date.from(now), Date.from(NO_EXPIRY), name, key.publicKey());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            return new JcaX509CertificateConverter().getCertificate(builder.build(key.contentSigner()));
        } catch (IOException | GeneralSecurityException e) {
            throw new KeyManagerException("cannot certify the audit key '" + key.object() + "': " + e.getMessage(), e);
        }
    }
}
