package io.imprint.station.audit;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

/**
 * A P-256 key made in memory and lost with this object: for benchmarks, which measure what reads the
 * chain and not the HSM, and for tests (the key of someone who is not the station, re-signing a copy of
 * its log). A station signs with its key in the token ({@link TokenChainSigner}), never with this.
 *
 * <p>Thread-safe.
 */
public final class MemoryChainSigner implements ChainSigner {

    private final KeyPair pair;

    public MemoryChainSigner() throws GeneralSecurityException {
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
