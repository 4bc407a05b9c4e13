package io.imprint.device.session;

import io.imprint.device.DeviceException;
import io.imprint.device.protocol.ErrorCode;
import java.util.Optional;

/**
 * Provisioning a board failed. {@link #reason()} is what the station acts on; the message says it in
 * words an operator reads on a red tile, naming the port.
 *
 * <p>Immutable and thread-safe.
 */
public final class BoardException extends DeviceException {

    /** Why, in the terms the station's workflow acts on. */
    public enum Reason {
        /** No reply after every retry: the board stalled or the line is too noisy. */
        TIMEOUT,
        /** The board went away: unplugged, reset, cable pulled. */
        DISCONNECTED,
        /** The station cancelled the session. */
        CANCELLED,
        /** The board answered with an error code. */
        BOARD_ERROR,
        /** Replies did not follow the protocol (corrupt after retries, wrong type, malformed). */
        PROTOCOL,
        /** The board cannot do what was asked (no common version, no capability). */
        UNSUPPORTED,
        /** The CSR the board produced is unusable: wrong subject, bad signature, not a CSR. */
        BAD_CSR,
        /** The board could not prove it holds the key of its certificate. */
        KEY_PROOF_FAILED
    }

    private final String port;
    private final Reason reason;
    private final ErrorCode boardError;
    private final OperatorAdvice advice;
    private final String boardDetail;

    public BoardException(String port, Reason reason, String what) {
        this(port, reason, null, what, null);
    }

    public BoardException(String port, Reason reason, ErrorCode boardError, String what, Throwable cause) {
        this(port, reason, boardError, null, what, null, cause);
    }

    /** The board's ERROR reply: its code and its detail text (PROTOCOL.md §4: shown and recorded). */
    public static BoardException boardError(String port, ErrorCode code, String detail) {
        return new BoardException(port, Reason.BOARD_ERROR, code, detail.isEmpty() ? null : detail,
                "board refused: " + code.description() + (detail.isEmpty() ? "" : " (" + detail + ")"), advice(code, detail), null);
    }

    /** As {@link #boardError(String, ErrorCode, String)}, with what the host was doing when it came. */
    static BoardException boardError(String port, ErrorCode code, String detail, String context) {
        return new BoardException(port, Reason.BOARD_ERROR, code, detail.isEmpty() ? null : detail,
                "board refused: " + code.description() + (detail.isEmpty() ? "" : " (" + detail + ")") + "; " + context, advice(code, detail), null);
    }

    /**
     * PROTOCOL.md §8: UNSUPPORTED is a defined request this board does not implement (the batch does not
     * suit it); MALFORMED and UNKNOWN_TYPE answer requests this station only ever sends well-formed, so
     * the board's firmware reads them wrongly. Neither is mended by re-seating the board.
     */
    private static OperatorAdvice advice(ErrorCode code, String detail) {
        String said = detail.isEmpty() ? "" : " (" + detail + ")";
        return switch (code) {
            case UNSUPPORTED -> new OperatorAdvice("Board cannot do what this batch needs: " + code.description() + said,
                    "Check the batch is the right one for this board; call a supervisor");
            case MALFORMED, UNKNOWN_TYPE -> new OperatorAdvice("Board's firmware rejected a valid request: " + code.description() + said,
                    "Flash the board with current provisioning firmware; set the board aside for repair");
            default -> null;
        };
    }

    /** A family's own failure, with the words the operator's tile shows (a modem's CME code, say). */
    public BoardException(String port, Reason reason, String what, OperatorAdvice advice) {
        this(port, reason, null, null, what, advice, null);
    }

    private BoardException(String port, Reason reason, ErrorCode boardError, String boardDetail, String what, OperatorAdvice advice, Throwable cause) {
        super(port + ": " + what, cause);
        this.port = port;
        this.reason = reason;
        this.boardError = boardError;
        this.boardDetail = boardDetail;
        this.advice = advice;
    }

    /** The detail text of the board's ERROR reply, for {@link Reason#BOARD_ERROR}: "expected offset 0". */
    public Optional<String> boardDetail() {
        return Optional.ofNullable(boardDetail);
    }

    /** What the family says the operator sees and does, where it knows better than the reason alone. */
    public Optional<OperatorAdvice> advice() {
        return Optional.ofNullable(advice);
    }

    public String port() {
        return port;
    }

    public Reason reason() {
        return reason;
    }

    /** The board's own error code, for {@link Reason#BOARD_ERROR}. */
    public Optional<ErrorCode> boardError() {
        return Optional.ofNullable(boardError);
    }
}
