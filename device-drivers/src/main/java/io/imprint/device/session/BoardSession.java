package io.imprint.device.session;

import io.imprint.device.protocol.BoardState;
import io.imprint.device.protocol.Capability;
import io.imprint.device.protocol.CredentialKind;
import io.imprint.device.protocol.ErrorCode;
import io.imprint.device.protocol.FrameCodec;
import io.imprint.device.protocol.KeyType;
import io.imprint.device.protocol.Reply;
import io.imprint.device.protocol.Request;
import io.imprint.device.transport.Transport;
import io.imprint.device.transport.TransportException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Set;

/**
 * The host's side of provisioning one board: {@link #identify()}, {@link #generateKeyAndCsr},
 * {@link #install}, {@link #proveKey}, {@link #lock()}. Every call has a timeout and bounded retries
 * (see {@link LinkTiming}); a board that disappears ends the call with
 * {@link BoardException.Reason#DISCONNECTED}, and {@link #cancel()} ends it from another thread.
 *
 * <p>Not thread-safe: one workflow thread drives a session; only {@link #cancel()} may be called from
 * elsewhere.
 */
public final class BoardSession implements AutoCloseable {

    /** The largest credential a board must accept (PROTOCOL.md: 2 KiB staging). */
    public static final int MAX_ITEM = 4096;

    /** The smallest maxPayload a board may announce (PROTOCOL.md §5). */
    static final int MIN_BOARD_PAYLOAD = 128;

    /** Restarts of one item from offset 0 after BAD_OFFSET (a board that rebooted mid-item, §7) before giving up. */
    static final int ITEM_RESTARTS = 2;

    /** Times GENERATE_KEY is sent again when the CSR was lost before it was read (a board reboot, §9). */
    static final int KEYGEN_RESTARTS = 1;

    private final Transport transport;
    private final BoardLink link;
    private final Reply.HelloReply hello;
    private final int hostMaxPayload;
    /** What {@link #install} staged, to stage again if a reboot lost it before COMMIT (§9); null before. */
    private Credentials staged;

    private BoardSession(Transport transport, BoardLink link, Reply.HelloReply hello, int hostMaxPayload) {
        this.transport = transport;
        this.link = link;
        this.hello = hello;
        this.hostMaxPayload = hostMaxPayload;
    }

    /** Opens the transport and says HELLO; fails if the board speaks no common protocol version. */
    public static BoardSession open(Transport transport, LinkTiming timing) throws BoardException {
        return open(transport, timing, FrameCodec.MAX_PAYLOAD);
    }

    /**
     * As {@link #open(Transport, LinkTiming)}, announcing {@code hostMaxPayload} in HELLO (§5: 128..512;
     * the station announces 512, tests a small host).
     */
    static BoardSession open(Transport transport, LinkTiming timing, int hostMaxPayload) throws BoardException {
        if (hostMaxPayload < MIN_BOARD_PAYLOAD || hostMaxPayload > FrameCodec.MAX_PAYLOAD) {
            throw new IllegalArgumentException("host maxPayload " + hostMaxPayload + ", must be " + MIN_BOARD_PAYLOAD + ".." + FrameCodec.MAX_PAYLOAD);
        }
        try {
            transport.open();
        } catch (TransportException e) {
            BoardException.Reason reason = e.kind() == TransportException.Kind.BUSY ? BoardException.Reason.PROTOCOL : BoardException.Reason.DISCONNECTED;
            throw new BoardException(transport.identity().path(), reason, null, "cannot open the port: " + e.getMessage(), e);
        }
        BoardLink link = new BoardLink(transport, timing);
        try {
            Reply reply = link.exchange(new Request.Hello(FrameCodec.VERSION, hostMaxPayload));
            if (reply instanceof Reply.ErrorReply(ErrorCode code, String detail) && code == ErrorCode.UNSUPPORTED) {
                throw new BoardException(link.port(), BoardException.Reason.UNSUPPORTED, "board speaks no protocol version this station knows (" + detail + ")",
                        new OperatorAdvice("The board needs a newer protocol version than this station speaks (" + detail + ")",
                                "Update the station, or flash the board with firmware for protocol version " + FrameCodec.VERSION));
            }
            Reply.HelloReply hello = expect(link, reply, Reply.HelloReply.class);
            if (hello.version() < 1) {
                throw new BoardException(link.port(), BoardException.Reason.UNSUPPORTED, "board announced protocol version " + hello.version());
            }
            if (hello.maxPayload() < MIN_BOARD_PAYLOAD) {
                // §5: a host that receives a HELLO reply with maxPayload below 128 gives up.
                String what = "board accepts payloads of at most " + hello.maxPayload() + " bytes, below the protocol's minimum of "
                        + MIN_BOARD_PAYLOAD + " (PROTOCOL.md §5)";
                throw new BoardException(link.port(), BoardException.Reason.UNSUPPORTED, what,
                        new OperatorAdvice("The board's firmware takes frames too small for the protocol (" + hello.maxPayload() + " bytes, at least "
                                + MIN_BOARD_PAYLOAD + " needed)", "Flash the board with current provisioning firmware, then retry"));
            }
            link.boardAccepts(hello.maxPayload());
            return new BoardSession(transport, link, hello, hostMaxPayload);
        } catch (BoardException e) {
            transport.close();
            throw e;
        }
    }

    public Set<Capability> capabilities() {
        return hello.capabilities();
    }

    /** Largest payload both sides accept. */
    int maxPayload() {
        return Math.min(FrameCodec.MAX_PAYLOAD, hello.maxPayload());
    }

    public BoardIdentity identify() throws BoardException {
        Reply.IdentifyReply r = call(new Request.Identify(), Reply.IdentifyReply.class);
        return new BoardIdentity(r.deviceId(), r.chipUid(), r.hardwareRevision(), r.firmwareVersion());
    }

    /** The board makes its key and returns a CSR (DER) for {@code CN=subjectCn}; checks the CSR before returning it. */
    public byte[] generateKeyAndCsr(String subjectCn, KeyType keyType) throws BoardException {
        if (!hello.capabilities().contains(Capability.KEYGEN_ON_DEVICE)) {
            throw new BoardException(link.port(), BoardException.Reason.UNSUPPORTED, "board cannot generate keys: use the key-injection strategy");
        }
        for (int restarts = 0; ; restarts++) {
            byte[] der = fetchNewCsr(subjectCn, keyType, restarts == KEYGEN_RESTARTS);
            if (der != null) {
                CsrCheck.check(link.port(), der, subjectCn);
                return der;
            }
        }
    }

    /**
     * GENERATE_KEY, then GET_CSR until the CSR is whole. Null if GET_CSR was answered BAD_STATE and
     * {@code last} is false: the CSR lives in RAM (§9), so a board that rebooted since GENERATE_KEY has
     * lost it; its key was never certified, and a new key and CSR replace it.
     */
    private byte[] fetchNewCsr(String subjectCn, KeyType keyType, boolean last) throws BoardException {
        Reply.GenerateKeyReply first = call(new Request.GenerateKey(keyType, subjectCn), Reply.GenerateKeyReply.class);
        if (first.csrTotal() <= 0 || first.csrTotal() > MAX_ITEM) {
            throw new BoardException(link.port(), BoardException.Reason.BAD_CSR, "board announced a CSR of " + first.csrTotal() + " bytes");
        }
        checkChunk(first.firstChunk().length, hostMaxPayload - 2, "GENERATE_KEY");
        ByteArrayOutputStream csr = new ByteArrayOutputStream(first.csrTotal());
        csr.writeBytes(first.firstChunk());
        while (csr.size() < first.csrTotal()) {
            Reply reply = link.exchange(new Request.GetCsr(csr.size()));
            if (reply instanceof Reply.ErrorReply(ErrorCode code, String detail) && code == ErrorCode.BAD_STATE) {
                if (!last) {
                    return null;
                }
                throw BoardException.boardError(link.port(), code, detail, "GET_CSR at offset " + csr.size()
                        + ": the board lost its CSR again after a new GENERATE_KEY (PROTOCOL.md §9)");
            }
            byte[] chunk = expect(link, reply, Reply.GetCsrReply.class).chunk();
            checkChunk(chunk.length, hostMaxPayload, "GET_CSR");
            csr.writeBytes(chunk);
        }
        return Arrays.copyOf(csr.toByteArray(), first.csrTotal());
    }

    /** §5: the board sizes its CSR chunks to the maxPayload this host announced. */
    private void checkChunk(int length, int limit, String reply) throws BoardException {
        if (length > limit) {
            throw new BoardException(link.port(), BoardException.Reason.PROTOCOL, "board sent a " + reply + " reply with a CSR chunk of " + length
                    + " bytes, more than the " + limit + " this station announced (PROTOCOL.md §5)");
        }
    }

    /**
     * Sends a station-made private key (PKCS#8 DER) to a board that cannot make its own, then wipes
     * {@code pkcs8}. Never logged.
     */
    public void injectKey(KeyType keyType, byte[] pkcs8) throws BoardException {
        try {
            if (!hello.capabilities().contains(Capability.KEY_INJECTION)) {
                throw new BoardException(link.port(), BoardException.Reason.UNSUPPORTED, "board does not accept injected keys");
            }
            sendChunks(pkcs8, (total, offset, chunk) -> new Request.PutKey(keyType, total, offset, chunk), "key");
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /** Stages the credentials on the board; {@link #lock()} makes them permanent. */
    public void install(Credentials credentials) throws BoardException {
        staged = credentials;
        stage(credentials);
    }

    private void stage(Credentials credentials) throws BoardException {
        if (credentials.deviceCertificate().isPresent()) {
            put(CredentialKind.DEVICE_CERT, credentials.deviceCertificate().get());
        }
        if (!credentials.caChain().isEmpty()) {
            ByteArrayOutputStream chain = new ByteArrayOutputStream();
            credentials.caChain().forEach(chain::writeBytes);
            put(CredentialKind.CA_CHAIN, chain.toByteArray());
        }
        if (credentials.claimCertificate().isPresent()) {
            put(CredentialKind.CLAIM_CERT, credentials.claimCertificate().get());
        }
        if (credentials.claimKey().isPresent()) {
            put(CredentialKind.CLAIM_KEY, credentials.claimKey().get().clone());
        }
        if (credentials.bootstrapCertificate().isPresent()) {
            put(CredentialKind.BOOTSTRAP_CERT, credentials.bootstrapCertificate().get());
        }
    }

    private void put(CredentialKind kind, byte[] item) throws BoardException {
        sendChunks(item, (total, offset, chunk) -> new Request.PutCredential(kind, total, offset, chunk), kind.name());
    }

    /** Makes the chunk request for one piece of an item. */
    private interface ChunkRequest {
        Request make(int total, int offset, byte[] chunk);
    }

    private void sendChunks(byte[] item, ChunkRequest request, String what) throws BoardException {
        if (item.length == 0 || item.length > MAX_ITEM) {
            throw new BoardException(link.port(), BoardException.Reason.PROTOCOL, what + " of " + item.length + " bytes cannot be sent (1.." + MAX_ITEM + ")");
        }
        int chunkSize = maxPayload() - 5;
        int offset = 0;
        int restarts = 0;
        while (offset < item.length) {
            byte[] chunk = Arrays.copyOfRange(item, offset, Math.min(item.length, offset + chunkSize));
            int next;
            try {
                next = call(request.make(item.length, offset, chunk), Reply.ChunkAck.class).nextOffset();
            } catch (BoardException e) {
                // §7: a board that rebooted mid-item has forgotten it and answers BAD_OFFSET; the host starts the item again.
                if (e.boardError().orElse(null) == ErrorCode.BAD_OFFSET && offset > 0 && restarts++ < ITEM_RESTARTS) {
                    offset = 0;
                    continue;
                }
                throw e;
            } finally {
                Arrays.fill(chunk, (byte) 0);
            }
            if (next != offset + chunk.length) {
                throw new BoardException(link.port(), BoardException.Reason.PROTOCOL, "board acknowledged " + what + " up to " + next + ", expected " + (offset + chunk.length));
            }
            offset = next;
        }
    }

    /** The board signs {@code challenge} with its stored key; returns the DER signature. */
    public byte[] proveKey(byte[] challenge) throws BoardException {
        return call(new Request.Verify(challenge), Reply.VerifyReply.class).signature();
    }

    /** Persists the staged credentials (COMMIT) and closes the provisioning interface (LOCK). */
    public void lock() throws BoardException {
        commit();
        lockCommitted();
    }

    /**
     * COMMIT. BAD_STATE means one of two reboots (§9): after an earlier try of this COMMIT took effect,
     * so the retry finds the board COMMITTED, which is success; or before it, which lost the staged
     * items and left the board KEY_READY, so they are staged again once and committed.
     */
    private void commit() throws BoardException {
        for (int restaged = 0; ; restaged++) {
            try {
                call(new Request.Commit(), Reply.Empty.class);
                return;
            } catch (BoardException e) {
                if (e.boardError().orElse(null) != ErrorCode.BAD_STATE) {
                    throw e;
                }
                BoardState now = status().state();
                if (now == BoardState.COMMITTED) {
                    return;
                }
                if (now != BoardState.KEY_READY || staged == null || restaged > 0) {
                    throw BoardException.boardError(e.port(), ErrorCode.BAD_STATE, e.boardDetail().orElse(""),
                            "COMMIT left the board " + now + (restaged > 0 ? " after its credentials were staged again" : "") + " (PROTOCOL.md §9)");
                }
                stage(staged);
            }
        }
    }

    /**
     * Closes the provisioning interface of a board whose credentials are already committed (LOCK alone).
     * A LOCK answered LOCKED is a repeat the board acted on before (its reply lost, the board rebooted:
     * §3); STATUS tells whether it is locked now, and then the lock stands.
     */
    public void lockCommitted() throws BoardException {
        try {
            call(new Request.Lock(), Reply.Empty.class);
        } catch (BoardException e) {
            if (e.boardError().orElse(null) != ErrorCode.LOCKED || status().state() != BoardState.LOCKED) {
                throw e;
            }
        }
    }

    public Reply.StatusReply status() throws BoardException {
        return call(new Request.Status(), Reply.StatusReply.class);
    }

    /** Clears everything the board staged (refused once locked). */
    public void reset() throws BoardException {
        call(new Request.Reset(), Reply.Empty.class);
    }

    public LinkStats stats() {
        return link.stats();
    }

    /** Ends the session from any thread; the workflow thread's call fails with CANCELLED. */
    public void cancel() {
        link.cancel();
    }

    private <T extends Reply> T call(Request request, Class<T> type) throws BoardException {
        return expect(link, link.exchange(request), type);
    }

    private static <T extends Reply> T expect(BoardLink link, Reply reply, Class<T> type) throws BoardException {
        if (reply instanceof Reply.ErrorReply(ErrorCode code, String detail)) {
            throw BoardException.boardError(link.port(), code, detail);
        }
        if (!type.isInstance(reply)) {
            throw new BoardException(link.port(), BoardException.Reason.PROTOCOL, "expected " + type.getSimpleName() + ", board sent " + reply.getClass().getSimpleName());
        }
        return type.cast(reply);
    }

    @Override
    public void close() {
        transport.close();
    }
}
