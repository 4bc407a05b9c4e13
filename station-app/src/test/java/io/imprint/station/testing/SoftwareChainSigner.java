package io.imprint.station.testing;

import io.imprint.station.audit.ChainSigner;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

/**
 * A P-256 key in memory: the key of someone who is not the station, re-signing a copy of its log.
 * Thread-safe.
 */
public final class SoftwareChainSigner implements ChainSigner {

    private final KeyPair pair;

    public SoftwareChainSigner() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        this.pair = generator.generateKeyPair();
    }

    @Override
    public byte[] sign(byte[] data) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(algorithm());
        signature.initSign(pair.getPrivate());
        signature.update(data);
        return signature.sign();
    }

    @Override
    public PublicKey publicKey() {
        return pair.getPublic();
    }

    @Override
    public String algorithm() {
        return "SHA256withECDSA";
    }
}
