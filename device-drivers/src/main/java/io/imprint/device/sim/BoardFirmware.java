package io.imprint.device.sim;

import io.imprint.device.protocol.BoardState;
import io.imprint.device.protocol.Capability;
import io.imprint.device.protocol.CredentialKind;
import io.imprint.device.protocol.ErrorCode;
import io.imprint.device.protocol.FrameCodec;
import io.imprint.device.protocol.MessageType;
import io.imprint.device.protocol.Reply;
import io.imprint.device.protocol.Request;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The device side of the protocol as a board's firmware would run it: the state machine of
 * PROTOCOL.md, on-board key generation, chunked staging, commit and lock. Faults that change what the
 * board says (CSR subject, CSR signature, commit) are applied here; faults on the wire are the
 * {@link VirtualBoard}'s.
 *
 * <p>Not thread-safe: one board, one thread.
 */
final class BoardFirmware {

    static final int STAGING_LIMIT = 4096;

    private final BoardProfile profile;
    private final Flash flash;
    private volatile FaultMode fault;
    private byte[] csr = new byte[0];
    private final Map<CredentialKind, ByteArrayOutputStream> staging = new EnumMap<>(CredentialKind.class);
    private final Map<CredentialKind, byte[]> staged = new EnumMap<>(CredentialKind.class);
    private ByteArrayOutputStream keyStaging;
    /** The host's maxPayload from its HELLO: it bounds the CSR chunks only (PROTOCOL.md §5). */
    private int hostMaxPayload = FrameCodec.MAX_PAYLOAD;

    BoardFirmware(BoardProfile profile, Flash flash, FaultMode fault) {
        this.profile = profile;
        this.flash = flash;
        this.fault = fault;
        if (flash.state() == BoardState.STAGED) {
            // Staging is RAM: a power cycle loses it, the key in flash survives.
            flash.state(flash.key().isPresent() ? BoardState.KEY_READY : BoardState.BLANK);
        }
    }

    void fault(FaultMode mode) {
        fault = mode;
    }

    FaultMode fault() {
        return fault;
    }

    Reply handle(Request request) {
        BoardState state = flash.state();
        if (state == BoardState.LOCKED && !(request instanceof Request.Hello || request instanceof Request.Identify
                || request instanceof Request.Status || request instanceof Request.Verify)) {
            return error(ErrorCode.LOCKED, "provisioning interface is closed");
        }
        return switch (request) {
            case Request.Hello h -> hello(h);
            case Request.Identify i -> new Reply.IdentifyReply(flash.deviceId(), flash.chipUid(), profile.hardwareRevision(), profile.firmwareVersion());
            case Request.GenerateKey g -> generateKey(g, state);
            // The CSR is RAM: after a reboot (or for an injected key) there is none (§9.1).
            case Request.GetCsr g -> state != BoardState.KEY_READY || csr.length == 0 ? error(ErrorCode.BAD_STATE, "no CSR to read")
                    : g.offset() >= csr.length ? error(ErrorCode.BAD_OFFSET, "CSR has " + csr.length + " bytes")
                    : new Reply.GetCsrReply(Arrays.copyOfRange(csr, g.offset(), Math.min(csr.length, g.offset() + hostMaxPayload)));
            case Request.PutKey p -> putKey(p, state);
            case Request.PutCredential p -> putCredential(p, state);
            case Request.Verify v -> verify(v);
            case Request.Commit c -> commit(state);
            case Request.Lock l -> state != BoardState.COMMITTED ? error(ErrorCode.BAD_STATE, "commit before lock")
                    : lock();
            case Request.Status s -> new Reply.StatusReply(state, null);
            case Request.Reset r -> reset();
        };
    }

    private Reply hello(Request.Hello h) {
        if (h.maxPayload() < 128) {
            return error(ErrorCode.UNSUPPORTED, "host maxPayload " + h.maxPayload() + " is below 128");
        }
        hostMaxPayload = Math.min(FrameCodec.MAX_PAYLOAD, h.maxPayload());
        return new Reply.HelloReply(Math.min(h.version(), FrameCodec.VERSION), FrameCodec.MAX_PAYLOAD, profile.capabilities(), profile.storage());
    }

    private Reply generateKey(Request.GenerateKey g, BoardState state) {
        if (!profile.capabilities().contains(Capability.KEYGEN_ON_DEVICE)) {
            return error(ErrorCode.UNSUPPORTED, "this board cannot generate keys");
        }
        if (state == BoardState.COMMITTED || state == BoardState.STAGED) {
            return error(ErrorCode.BAD_STATE, state == BoardState.STAGED ? "credentials are arriving: RESET first" : "credentials committed: RESET first");
        }
        LockSupport.parkNanos(profile.keygenLatency().toNanos());
        String subject = fault == FaultMode.WRONG_SUBJECT_CSR ? g.subjectCn() + "-X" : g.subjectCn();
        SimulatedKeys.Generated made = SimulatedKeys.generate(g.keyType(), subject);
        csr = made.csr();
        if (fault == FaultMode.BAD_SIGNATURE_CSR) {
            csr[csr.length - 3] ^= 0x5A;
        }
        staging.clear();
        staged.clear();
        flash.key(made.pkcs8(), BoardState.KEY_READY);
        return new Reply.GenerateKeyReply(csr.length, Arrays.copyOf(csr, Math.min(csr.length, hostMaxPayload - 2)));
    }

    private Reply putKey(Request.PutKey p, BoardState state) {
        if (!profile.capabilities().contains(Capability.KEY_INJECTION)) {
            return error(ErrorCode.UNSUPPORTED, "this board does not accept keys");
        }
        if (state == BoardState.COMMITTED) {
            return error(ErrorCode.BAD_STATE, "credentials committed: RESET first");
        }
        if (p.offset() == 0) {
            keyStaging = new ByteArrayOutputStream();
        }
        Reply ack = append(MessageType.PUT_KEY, keyStaging, p.total(), p.offset(), p.chunk());
        if (ack instanceof Reply.ChunkAck(MessageType t, int next) && next == p.total()) {
            byte[] key = keyStaging.toByteArray();
            if (!SimulatedKeys.isPrivateKey(p.keyType(), key)) {
                return error(ErrorCode.BAD_KEY, "not a " + p.keyType() + " PKCS#8 key");
            }
            flash.key(key, BoardState.KEY_READY);
            Arrays.fill(key, (byte) 0);
            keyStaging = null;
        }
        return ack;
    }

    private Reply putCredential(Request.PutCredential p, BoardState state) {
        if (state == BoardState.BLANK || state == BoardState.COMMITTED) {
            return error(ErrorCode.BAD_STATE, state == BoardState.BLANK ? "no key yet" : "credentials committed: RESET first");
        }
        if (p.offset() == 0) {
            staging.put(p.kind(), new ByteArrayOutputStream());
        }
        Reply ack = append(MessageType.PUT_CREDENTIAL, staging.get(p.kind()), p.total(), p.offset(), p.chunk());
        if (ack instanceof Reply.ChunkAck(MessageType t, int next) && next == p.total()) {
            staged.put(p.kind(), staging.remove(p.kind()).toByteArray());
            flash.state(BoardState.STAGED);
        }
        return ack;
    }

    private static Reply append(MessageType request, ByteArrayOutputStream into, int total, int offset, byte[] chunk) {
        if (total > STAGING_LIMIT) {
            return error(ErrorCode.STORAGE_FULL, total + " bytes do not fit in " + STAGING_LIMIT);
        }
        if (into == null || offset != into.size() || offset + chunk.length > total) {
            return error(ErrorCode.BAD_OFFSET, "expected offset " + (into == null ? 0 : into.size()));
        }
        into.writeBytes(chunk);
        return new Reply.ChunkAck(request, into.size());
    }

    private Reply verify(Request.Verify v) {
        return flash.key().<Reply>map(key -> new Reply.VerifyReply(SimulatedKeys.sign(key, v.challenge())))
                .orElseGet(() -> error(ErrorCode.BAD_STATE, "no key"));
    }

    private Reply commit(BoardState state) {
        if (state != BoardState.STAGED || !staged.containsKey(CredentialKind.DEVICE_CERT) && !staged.containsKey(CredentialKind.CLAIM_CERT)
                && !staged.containsKey(CredentialKind.BOOTSTRAP_CERT)) {
            return error(ErrorCode.BAD_STATE, "nothing staged to commit");
        }
        if (fault == FaultMode.REFUSE_COMMIT) {
            return error(ErrorCode.STORAGE_FAILED, "flash write failed");
        }
        flash.commit(staged);
        staged.clear();
        return new Reply.Empty(MessageType.COMMIT);
    }

    private Reply lock() {
        flash.state(BoardState.LOCKED);
        return new Reply.Empty(MessageType.LOCK);
    }

    private Reply reset() {
        flash.erase();
        staging.clear();
        staged.clear();
        csr = new byte[0];
        return new Reply.Empty(MessageType.RESET);
    }

    static Reply error(ErrorCode code, String detail) {
        return new Reply.ErrorReply(code, detail);
    }
}
