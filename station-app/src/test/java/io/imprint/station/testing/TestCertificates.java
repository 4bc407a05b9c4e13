package io.imprint.station.testing;

import io.imprint.station.sync.online.DeviceRegistration;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Real X.509 device certificates for the registry tests: EC P-256 leaves with {@code CN=<device id>}, signed
 * by one test CA, as the station's CA issues them.
 *
 * <p>Not thread-safe (the serial counter); one per test class.
 */
public final class TestCertificates {

    public record Issued(String pem, String sha256) {
    }

    private final KeyPairGenerator generator;
    private final KeyPair ca;
    private final String caPem;
    private long serial = 1;

    public TestCertificates() throws Exception {
        generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        ca = generator.generateKeyPair();
        caPem = sign(new X500Name("CN=Imprint Test CA"), ca).pem();
    }

    public Issued issue(String cn) throws Exception {
        return sign(new X500Name("CN=" + cn), generator.generateKeyPair());
    }

    /** A registration of {@code deviceId} in batch B-1 with a fresh certificate. */
    public DeviceRegistration registration(long entryId, String deviceId) throws Exception {
        Issued c = issue(deviceId);
        return new DeviceRegistration(entryId, "B-1", deviceId, "SN-" + entryId, c.pem(), c.sha256(), List.of(caPem),
                Optional.of("line-3"), Optional.empty(), Optional.empty(), Map.of("model", "nrf9160", "site", "lyon"));
    }

    private Issued sign(X500Name subject, KeyPair subjectKeys) throws Exception {
        Instant now = Instant.now();
        X509CertificateHolder holder = new JcaX509v3CertificateBuilder(new X500Name("CN=Imprint Test CA"), BigInteger.valueOf(serial++),
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(365, ChronoUnit.DAYS)), subject, subjectKeys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate()));
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(holder);
        }
        return new Issued(pem.toString(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(holder.getEncoded())));
    }
}
