package io.imprint.ca.bench;

import io.imprint.ca.issue.Pem;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * What a board does when it makes its own key: an EC P-256 key pair and a CSR for {@code CN=<device id>}.
 * For the demo and the benchmark, where no real board is attached; the private key stays in memory.
 *
 * <p>Stateless and thread-safe.
 */
public final class SoftwareCsr {

    private SoftwareCsr() {
    }

    public static KeyPair newKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(KeyPair key, String deviceId) {
        try {
            var csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + deviceId), key.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
            return Pem.encode("CERTIFICATE REQUEST", csr.getEncoded());
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
