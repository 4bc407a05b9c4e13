package io.imprint.device.sim;

import io.imprint.device.protocol.KeyType;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** The cryptography a board's secure element does: make a key and its CSR, sign a challenge. Stateless. */
final class SimulatedKeys {

    record Generated(byte[] pkcs8, byte[] csr) {
    }

    private SimulatedKeys() {
    }

    static Generated generate(KeyType type, String subjectCn) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(type == KeyType.EC_P384 ? "secp384r1" : "secp256r1"));
            KeyPair pair = g.generateKeyPair();
            var subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, subjectCn).build();
            byte[] csr = new JcaPKCS10CertificationRequestBuilder(subject, pair.getPublic())
                    .build(new JcaContentSignerBuilder(algorithm(type)).build(pair.getPrivate())).getEncoded();
            return new Generated(pair.getPrivate().getEncoded(), csr);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("virtual secure element failed", e);
        }
    }

    static byte[] sign(byte[] pkcs8, byte[] challenge) {
        try {
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            int bits = ((ECPrivateKey) key).getParams().getCurve().getField().getFieldSize();
            Signature s = Signature.getInstance(algorithm(bits > 256 ? KeyType.EC_P384 : KeyType.EC_P256));
            s.initSign(key);
            s.update(challenge);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("virtual secure element cannot sign", e);
        }
    }

    static boolean isPrivateKey(KeyType type, byte[] pkcs8) {
        try {
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            int bits = ((ECPrivateKey) key).getParams().getCurve().getField().getFieldSize();
            return bits == (type == KeyType.EC_P384 ? 384 : 256);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static String algorithm(KeyType type) {
        return type == KeyType.EC_P384 ? "SHA384withECDSA" : "SHA256withECDSA";
    }
}
