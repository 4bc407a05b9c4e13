package io.imprint.ca.testing;

import io.imprint.ca.issue.Pem;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** CSRs good and bad, made the way boards and attackers would make them. */
public final class TestCsrs {

    private static final Provider BC = new BouncyCastleProvider();

    private TestCsrs() {
    }

    public static KeyPair ecKey(String curve) throws Exception {
        KeyPairGenerator g = curve.equals("secp192r1") ? KeyPairGenerator.getInstance("EC", BC) : KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    public static KeyPair rsaKey(int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        return g.generateKeyPair();
    }

    public static String ec(String cn) throws Exception {
        return pem(ecKey("secp256r1"), new X500Name("CN=" + cn));
    }

    public static String pem(KeyPair key, X500Name subject) throws Exception {
        return pem(key, new JcaPKCS10CertificationRequestBuilder(subject, key.getPublic()));
    }

    /** A CN built without BouncyCastle's string parser, so NUL and control characters get through as they would from a board. */
    public static X500Name cn(String value) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, value).build();
    }

    /** A CSR that asks for CA:TRUE and a SAN of its own choosing. */
    public static String askingForCaAndSan(String cn) throws Exception {
        KeyPair key = ecKey("secp256r1");
        ExtensionsGenerator ext = new ExtensionsGenerator();
        ext.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        ext.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, "evil.example.com")));
        PKCS10CertificationRequestBuilder b = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + cn), key.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate());
        return pem(key, b);
    }

    private static String pem(KeyPair key, PKCS10CertificationRequestBuilder b) throws Exception {
        String alg = key.getPublic().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        JcaContentSignerBuilder signer = new JcaContentSignerBuilder(alg);
        if (key.getPrivate().getClass().getName().contains("bouncycastle")) {
            signer.setProvider(BC);
        }
        return Pem.encode("CERTIFICATE REQUEST", b.build(signer.build(key.getPrivate())).getEncoded());
    }

    public static byte[] der(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    /** The same CSR with one byte of the subject changed: the signature no longer covers what it says. */
    public static String tamperedSubject(String pem, String from, String to) {
        byte[] der = der(pem);
        byte[] f = from.getBytes();
        byte[] t = to.getBytes();
        for (int i = 0; i + f.length <= der.length; i++) {
            if (java.util.Arrays.equals(der, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(t, 0, der, i, t.length);
                return Pem.encode("CERTIFICATE REQUEST", der);
            }
        }
        throw new IllegalArgumentException(from + " not in CSR");
    }

    /** The same CSR with its last signature byte flipped. */
    public static String badSignature(String pem) {
        byte[] der = der(pem);
        der[der.length - 1] ^= 0x01;
        return Pem.encode("CERTIFICATE REQUEST", der);
    }
}
