package io.imprint.device.nrf91;

import io.imprint.device.session.BoardException;
import io.imprint.device.session.BoardException.Reason;
import io.imprint.device.session.OperatorAdvice;

/**
 * The words for every way a modem command fails: what the operator reads on the red tile and what to
 * do with the board. CME codes follow Nordic's AT reference for %CMNG and %KEYGEN.
 *
 * <p>Stateless and thread-safe.
 */
final class Nrf91Failures {

    static final String RETRY = "Re-seat the board and retry";
    static final String RETRY_THEN_ASIDE = "Re-seat the board and retry; if it fails again, set it aside";

    private Nrf91Failures() {
    }

    /** The modem ended {@code command} with {@code result} (anything but OK). */
    static BoardException refused(String port, AtCommand command, AtLine.Final result) {
        OperatorAdvice advice = switch (result) {
            case AtLine.CmeError(int code) -> forCode(command, code);
            case AtLine.Error() -> new OperatorAdvice("The modem refused " + command.shown(), RETRY_THEN_ASIDE);
            case AtLine.Ok() -> throw new IllegalArgumentException("OK is not a failure");
        };
        String said = result instanceof AtLine.CmeError(int code) ? "+CME ERROR: " + code : "ERROR";
        return new BoardException(port, Reason.BOARD_ERROR,
                "modem answered " + said + " to " + command.shown() + ": " + advice.problem() + ". " + advice.nextAction(), advice);
    }

    static OperatorAdvice forCode(AtCommand command, int code) {
        String tag = command.secTag() >= 0 ? " in sec_tag " + command.secTag() : "";
        return switch (code) {
            case 513 -> new OperatorAdvice("The modem has no such credential" + tag, RETRY_THEN_ASIDE);
            case 514 -> new OperatorAdvice("The modem does not allow access to " + (tag.isEmpty() ? "that credential" : "sec_tag " + command.secTag()),
                    "Check the batch's sec_tag setting; if it is right, set the board aside");
            case 515 -> new OperatorAdvice("The modem's credential storage is full", "Set the board aside: its credentials must be cleared");
            case 518 -> new OperatorAdvice("The modem is online and will not take credentials", RETRY);
            case 519 -> command.op() == AtCommand.Op.KEYGEN
                    ? new OperatorAdvice("The modem already holds a key" + tag,
                            "Set the board aside: it was provisioned before and its credentials must be cleared first")
                    : new OperatorAdvice("The modem already holds that credential" + tag, RETRY);
            case 523 -> new OperatorAdvice("The modem could not generate a key" + tag, RETRY_THEN_ASIDE);
            case 527 -> new OperatorAdvice("The modem rejected the certificate as invalid",
                    "Set the board aside and report the batch: its certificate or CA chain is not one the modem takes");
            case 528 -> new OperatorAdvice("The modem is in power-off warning: its supply voltage is too low",
                    "Check the fixture's power supply, then re-seat the board and retry");
            case -1 -> new OperatorAdvice("The modem refused " + command.shown(), RETRY_THEN_ASIDE);
            default -> new OperatorAdvice("The modem refused " + command.shown() + " with error " + code, RETRY_THEN_ASIDE);
        };
    }

    /** No final result within the command's time. */
    static BoardException timeout(String port, AtCommand command, long millis) {
        OperatorAdvice advice = new OperatorAdvice("The modem did not answer " + command.shown(), "Check the cable, then re-seat the board and retry");
        return new BoardException(port, Reason.TIMEOUT, "no answer to " + command.shown() + " within " + millis + " ms: "
                + advice.problem() + ". " + advice.nextAction(), advice);
    }

    static BoardException disconnected(String port, AtCommand command) {
        OperatorAdvice advice = new OperatorAdvice("The modem went away during " + command.shown(), RETRY);
        return new BoardException(port, Reason.DISCONNECTED, "board disconnected: " + advice.problem() + ". " + advice.nextAction(), advice);
    }

    static BoardException lineError(String port, AtCommand command, Exception e) {
        OperatorAdvice advice = new OperatorAdvice("The serial line failed during " + command.shown(), "Check the cable, then re-seat the board and retry");
        return new BoardException(port, Reason.PROTOCOL, "line error: " + e.getMessage() + ": " + advice.problem() + ". " + advice.nextAction(), advice);
    }

    static BoardException cancelled(String port) {
        return new BoardException(port, Reason.CANCELLED, "session cancelled");
    }

    /** The modem answered, but not in the form the AT reference gives. */
    static BoardException malformed(String port, AtCommand command, String what) {
        OperatorAdvice advice = new OperatorAdvice("The modem's answer to " + command.shown() + " is malformed", RETRY_THEN_ASIDE);
        return new BoardException(port, Reason.PROTOCOL, what + ": " + advice.problem() + ". " + advice.nextAction(), advice);
    }

    static BoardException badCsr(String port, String what) {
        OperatorAdvice advice = new OperatorAdvice("The modem's signed CSR does not check out (" + what + ")",
                "Set the board aside: its key generation is faulty");
        return new BoardException(port, Reason.BAD_CSR, "modem's %KEYGEN answer is unusable: " + what + ". " + advice.nextAction(), advice);
    }
}
