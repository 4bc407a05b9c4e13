package io.imprint.station.engine;

import io.imprint.device.family.Board;
import io.imprint.device.session.BoardException;
import io.imprint.station.batch.Strategy;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Where the board's key comes from, by strategy: the board makes it (and its CSR), or the station makes
 * it, signs the CSR with it, injects it and wipes its copy. The injected key's bytes are zeroed after
 * sending; the JCA key object cannot be zeroed and is dropped for the collector — it is never logged,
 * written or put in a message.
 *
 * <p>Not thread-safe: bound to one board.
 */
final class KeyMaterial {

    private final Strategy strategy;
    private final Board board;

    KeyMaterial(Strategy strategy, Board board) {
        this.strategy = strategy;
        this.board = board;
    }

    /** The CSR (DER) for {@code CN=deviceId}, with the key where the strategy puts it. */
    byte[] csrFor(String deviceId) throws BoardException, ProvisioningFailure {
        return switch (strategy) {
            case KEY_ON_BOARD, BOOTSTRAP -> board.generateKeyAndCsr(deviceId);
            // PROTOCOL.md §5: a board that can make its own key is never given one, whatever the batch expected.
            case KEY_INJECTED -> board.makesOwnKey() ? board.generateKeyAndCsr(deviceId) : inject(deviceId);
            // A claim board still gets a key of its own: boards accept credentials only once they hold a key, and
            // in the field the board has the cloud certify that key, authenticated by the claim. The CSR is unused here.
            case CLAIM -> board.makesOwnKey() ? board.generateKeyAndCsr(deviceId) : inject(deviceId);
        };
    }

    private byte[] inject(String deviceId) throws BoardException {
        KeyPair pair = newKey();
        byte[] csr = csr(pair, deviceId);
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        try {
            board.injectKey(pkcs8);
        } finally {
            // The Board contract wipes it too; a family that forgot must not leave the key in this heap.
            java.util.Arrays.fill(pkcs8, (byte) 0);
        }
        return csr;
    }

    private static KeyPair newKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is missing from this JDK", e);
        }
    }

    private static byte[] csr(KeyPair pair, String deviceId) {
        try {
            var subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, deviceId).build();
            return new JcaPKCS10CertificationRequestBuilder(subject, pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())).getEncoded();
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot build the CSR of an injected key", e);
        }
    }
}
