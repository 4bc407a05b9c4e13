package io.imprint.station.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The proof check against signatures the JDK makes, the way a board's secure element would. */
class KeyProofTest {

    @ParameterizedTest
    @CsvSource({"secp256r1, SHA256withECDSA", "secp384r1, SHA384withECDSA"})
    void aBoardSignatureVerifiesOnlyForItsKeyAndItsChallenge(String curve, String algorithm) throws Exception {
        KeyPair board = keyPair(curve);
        KeyPair other = keyPair(curve);
        byte[] cert = certificate(board, algorithm);
        byte[] challenge = "challenge-0123456789abcdef012345".getBytes(StandardCharsets.US_ASCII);
        byte[] signature = sign(board, algorithm, challenge);

        assertThat(KeyProof.verifies(cert, challenge, signature)).isTrue();
        assertThat(KeyProof.verifies(cert, "another challenge".getBytes(StandardCharsets.US_ASCII), signature)).isFalse();
        assertThat(KeyProof.verifies(cert, challenge, sign(other, algorithm, challenge))).as("a clone's key").isFalse();
        assertThat(KeyProof.verifies(certificate(other, algorithm), challenge, signature)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"''", "30", "3006020101020101ff", "300402010102"})
    void garbageIsNoProof(String hex) throws Exception {
        KeyPair board = keyPair("secp256r1");
        byte[] cert = certificate(board, "SHA256withECDSA");
        byte[] garbage = java.util.HexFormat.of().parseHex(hex);
        assertThat(KeyProof.verifies(cert, new byte[32], garbage)).isFalse();
        assertThat(KeyProof.verifies(new byte[] {1, 2, 3}, new byte[32], sign(board, "SHA256withECDSA", new byte[32]))).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"secp256r1, SHA256withECDSA"})
    void aSignatureWithTrailingBytesIsRefused(String curve, String algorithm) throws Exception {
        KeyPair board = keyPair(curve);
        byte[] signature = sign(board, algorithm, new byte[32]);
        byte[] padded = java.util.Arrays.copyOf(signature, signature.length + 1);
        assertThat(KeyProof.verifies(certificate(board, algorithm), new byte[32], padded)).isFalse();
    }

    private static KeyPair keyPair(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    private static byte[] sign(KeyPair key, String algorithm, byte[] message) throws Exception {
        Signature s = Signature.getInstance(algorithm);
        s.initSign(key.getPrivate());
        s.update(message);
        return s.sign();
    }

    private static byte[] certificate(KeyPair key, String algorithm) throws Exception {
        X500Name name = new X500Name("CN=SIM-KEYPROOF");
        Date now = new Date();
        return new JcaX509v3CertificateBuilder(name, BigInteger.ONE, now, new Date(now.getTime() + 60_000), name, key.getPublic())
                .build(new JcaContentSignerBuilder(algorithm).build(key.getPrivate())).getEncoded();
    }
}
