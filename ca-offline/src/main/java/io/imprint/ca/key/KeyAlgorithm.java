package io.imprint.ca.key;

import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.math.BigInteger;

/** Key types a CA key may have, with the signature algorithm used with each. */
public enum KeyAlgorithm {
    EC_P256("EC", new ECGenParameterSpec("secp256r1"), "SHA256withECDSA"),
    EC_P384("EC", new ECGenParameterSpec("secp384r1"), "SHA384withECDSA"),
    RSA_3072("RSA", new RSAKeyGenParameterSpec(3072, BigInteger.valueOf(65537)), "SHA256withRSA");

    private final String jcaName;
    private final AlgorithmParameterSpec spec;
    private final String signatureAlgorithm;

    KeyAlgorithm(String jcaName, AlgorithmParameterSpec spec, String signatureAlgorithm) {
        this.jcaName = jcaName;
        this.spec = spec;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    public String jcaName() {
        return jcaName;
    }

    public AlgorithmParameterSpec spec() {
        return spec;
    }

    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** Parses {@code ec-p256}, {@code EC_P384}, {@code rsa-3072} and the like. */
    public static KeyAlgorithm parse(String text) {
        String norm = text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        try {
            return valueOf(norm);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown key type '" + text + "' (use ec-p256, ec-p384 or rsa-3072)");
        }
    }
}
