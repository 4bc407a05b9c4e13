package io.imprint.device.family;

import io.imprint.device.protocol.BoardState;
import io.imprint.device.protocol.Capability;
import io.imprint.device.protocol.KeyType;
import io.imprint.device.session.BoardException;
import io.imprint.device.session.BoardIdentity;
import io.imprint.device.session.BoardSession;
import io.imprint.device.session.Credentials;
import io.imprint.device.session.LinkStats;
import io.imprint.device.session.LinkTiming;
import io.imprint.device.transport.Transport;
import java.security.SecureRandom;
import java.util.List;

/**
 * A board speaking Imprint's own protocol (PROTOCOL.md), over a {@link BoardSession}. Verify is a key
 * proof: the board signs 32 fresh random bytes with its stored key. Lock is COMMIT then LOCK.
 *
 * <p>Not thread-safe, as {@link Board}.
 */
public final class ImprintBoard implements Board {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final BoardSession session;
    private final String port;

    private ImprintBoard(BoardSession session, String port) {
        this.session = session;
        this.port = port;
    }

    /** Opens the transport and says HELLO. */
    public static ImprintBoard open(Transport transport, LinkTiming timing) throws BoardException {
        return new ImprintBoard(BoardSession.open(transport, timing), transport.identity().path());
    }

    /** The protocol session, for what only this family does (claim credentials, STATUS). */
    public BoardSession session() {
        return session;
    }

    @Override
    public BoardFamily family() {
        return BoardFamily.IMPRINT;
    }

    @Override
    public String port() {
        return port;
    }

    @Override
    public BoardIdentity identify() throws BoardException {
        return session.identify();
    }

    @Override
    public boolean makesOwnKey() {
        return session.capabilities().contains(Capability.KEYGEN_ON_DEVICE);
    }

    @Override
    public byte[] generateKeyAndCsr(String subjectCn) throws BoardException {
        return session.generateKeyAndCsr(subjectCn, KeyType.EC_P256);
    }

    @Override
    public void injectKey(byte[] pkcs8) throws BoardException {
        session.injectKey(KeyType.EC_P256, pkcs8);
    }

    @Override
    public void install(byte[] certificateDer, List<byte[]> chainDer) throws BoardException {
        session.install(Credentials.device(certificateDer, chainDer));
    }

    @Override
    public Evidence verify(byte[] certificateDer, List<byte[]> chainDer) throws BoardException {
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        try {
            return new Evidence.KeySignature(challenge, session.proveKey(challenge));
        } catch (BoardException e) {
            if (e.reason() == BoardException.Reason.BOARD_ERROR) {
                return new Evidence.Nothing(e.getMessage());
            }
            throw e;
        }
    }

    @Override
    public Progress progress() throws BoardException {
        BoardState state = session.status().state();
        return switch (state) {
            case LOCKED -> Progress.LOCKED;
            case COMMITTED -> Progress.COMMITTED;
            case BLANK, KEY_READY, STAGED -> Progress.OPEN;
        };
    }

    @Override
    public void lock() throws BoardException {
        session.lock();
    }

    @Override
    public void lockCommitted() throws BoardException {
        session.lockCommitted();
    }

    @Override
    public LinkStats stats() {
        return session.stats();
    }

    @Override
    public void cancel() {
        session.cancel();
    }

    @Override
    public void close() {
        session.close();
    }
}
