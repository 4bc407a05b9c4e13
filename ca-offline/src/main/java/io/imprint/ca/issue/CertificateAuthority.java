package io.imprint.ca.issue;

import io.imprint.ca.CaException;
import io.imprint.ca.key.KeySigner;
import io.imprint.ca.profile.CaConfig;
import io.imprint.ca.profile.CertificateProfile;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues device certificates with the issuing key. {@link #issue} checks the CSR (see {@link CsrCheck}),
 * spends a place of the batch quota, draws a random serial, builds the certificate from the profile alone
 * and signs it in the key backend.
 *
 * <p>Thread-safe: many threads may issue at once.
 */
public final class CertificateAuthority {

    /** RFC 5280 §4.1.2.5: "no well-defined expiration date". */
    public static final Instant NO_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");
    private static final Logger LOG = LoggerFactory.getLogger(CertificateAuthority.class);

    private final KeySigner issuingKey;
    private final X509CertificateHolder issuingCertificate;
    private final List<X509Certificate> chain;
    private final CaConfig config;
    private final IssuanceLedger ledger;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final LeafExtensions extensions;

    /**
     * @param chain the issuing certificate first, then the root; the issuing certificate must be the
     *              issuing key's own, or the CA refuses to start
     */
    public CertificateAuthority(KeySigner issuingKey, List<X509Certificate> chain, CaConfig config, IssuanceLedger ledger, Clock clock)
            throws CaException {
        if (!chain.getFirst().getPublicKey().equals(issuingKey.publicKey())) {
            throw new CaException("the issuing certificate does not belong to key '" + issuingKey.object() + "': wrong CA directory or wrong token");
        }
        try {
            this.issuingCertificate = new JcaX509CertificateHolder(chain.getFirst());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new CaException("issuing certificate does not encode", e);
        }
        this.issuingKey = issuingKey;
        this.chain = List.copyOf(chain);
        this.config = config;
        this.ledger = ledger;
        this.clock = clock;
        this.extensions = new LeafExtensions(issuingCertificate);
    }

    public List<X509Certificate> chain() {
        return chain;
    }

    public IssuanceLedger ledger() {
        return ledger;
    }

    public CaConfig config() {
        return config;
    }

    public KeySigner issuingKey() {
        return issuingKey;
    }

    public IssuedCertificate issue(IssueRequest request) throws CaException {
        CertificateProfile profile;
        try {
            profile = config.profile(request.profile());
        } catch (IllegalArgumentException e) {
            throw new IssuanceRefusedException(e.getMessage());
        }
        DeviceIds.check(request.deviceId());
        PKCS10CertificationRequest csr = CsrCheck.parseDer(request.csrDer());
        SubjectPublicKeyInfo key = csr.getSubjectPublicKeyInfo();
        CsrCheck.checkKey(key, profile);
        CsrCheck.verifyProofOfPossession(csr);
        CsrCheck.checkSubject(csr.getSubject(), request.deviceId());

        Optional<String> batch = request.batch();
        if (batch.isPresent()) {
            ledger.reserve(batch.get());
        }
        try {
            IssuedCertificate issued = sign(request.deviceId(), key, profile, batch);
            ledger.record(issued);
            LOG.info("issued {} certificate serial {} to {}{}", profile.name(), issued.serialHex(), request.deviceId(),
                    batch.map(b -> " in batch " + b).orElse(""));
            return issued;
        } catch (CaException | RuntimeException e) {
            batch.ifPresent(ledger::release);
            throw e;
        }
    }

    private IssuedCertificate sign(String deviceId, SubjectPublicKeyInfo key, CertificateProfile profile, Optional<String> batch) throws CaException {
        Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = profile.validity().map(notBefore::plus).orElse(NO_EXPIRY);
        BigInteger serial = newSerial();
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuingCertificate.getSubject(), serial,
                Date.from(notBefore), Date.from(notAfter), subject(profile, deviceId), key);
        try {
            extensions.addTo(builder, key, profile, deviceId);
            byte[] der = builder.build(issuingKey.contentSigner()).getEncoded();
            return new IssuedCertificate(der, serial, deviceId, profile.name(), batch, notBefore, notAfter);
        } catch (IOException | RuntimeException e) {
            throw new CaException("signing failed in the key backend: " + e.getMessage(), e);
        }
    }

    /** 16 random bytes with the top bit cleared: positive, 127 bits of entropy, at most 16 octets; never reused. */
    private BigInteger newSerial() {
        byte[] bytes = new byte[16];
        while (true) {
            random.nextBytes(bytes);
            bytes[0] &= 0x7f;
            BigInteger serial = new BigInteger(1, bytes);
            if (serial.bitLength() >= 64 && ledger.claimSerial(serial)) {
                return serial;
            }
        }
    }

    private static X500Name subject(CertificateProfile profile, String deviceId) {
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE);
        profile.organization().ifPresent(o -> name.addRDN(BCStyle.O, o));
        profile.organizationalUnit().ifPresent(ou -> name.addRDN(BCStyle.OU, ou));
        name.addRDN(BCStyle.CN, deviceId);
        return name.build();
    }
}
