package io.imprint.station.engine;

import io.imprint.ca.CaException;
import io.imprint.ca.key.KeyManagerException;
import io.imprint.ca.issue.IssuanceRefusedException;
import io.imprint.device.protocol.ErrorCode;
import io.imprint.device.session.BoardException;
import io.imprint.station.store.StoreException;

/**
 * Turns what went wrong into what the operator reads: a reason in plain words and the next action.
 * The technical detail stays in the attempt's record and the log.
 */
final class Failures {

    static final String RESEAT = "Re-seat the board and retry";
    static final String SET_ASIDE = "Set the board aside for repair";
    static final String SUPERVISOR = "Call a supervisor";
    /** The reason of an attempt the station abandoned because it was told to stop (SIGTERM, closing the window). */
    static final String STOPPED = "Stopped by the station before this board was finished";
    static final String PUT_BACK = "Put the board back in a slot once the station has restarted";

    private Failures() {
    }

    static ProvisioningFailure of(BoardException e) {
        if (e.advice().isPresent()) {
            return new ProvisioningFailure(e.advice().get().problem(), e.advice().get().nextAction(), e);
        }
        return switch (e.reason()) {
            case DISCONNECTED -> new ProvisioningFailure("Board disconnected", RESEAT, e);
            case TIMEOUT -> new ProvisioningFailure("Board stopped answering", RESEAT + "; if it fails again, " + SET_ASIDE.toLowerCase(), e);
            case CANCELLED -> new ProvisioningFailure(STOPPED, PUT_BACK, e);
            case PROTOCOL -> new ProvisioningFailure("Garbled answers from the board", "Check the cable, then " + RESEAT.toLowerCase(), e);
            case UNSUPPORTED -> new ProvisioningFailure("Board cannot do what this batch needs", "Check the batch is the right one for this board; " + SUPERVISOR.toLowerCase(), e);
            case BAD_CSR -> new ProvisioningFailure("Board made a faulty key request", SET_ASIDE, e);
            case KEY_PROOF_FAILED -> new ProvisioningFailure("Board could not prove it holds its key", SET_ASIDE, e);
            case BOARD_ERROR -> boardError(e);
        };
    }

    private static ProvisioningFailure boardError(BoardException e) {
        ErrorCode code = e.boardError().orElse(ErrorCode.INTERNAL);
        return switch (code) {
            case LOCKED -> new ProvisioningFailure("Board is already locked", SUPERVISOR, e);
            case STORAGE_FAILED, STORAGE_FULL -> new ProvisioningFailure("Board could not store its identity", SET_ASIDE, e);
            case KEYGEN_FAILED -> new ProvisioningFailure("Board could not make its key", SET_ASIDE, e);
            case BUSY -> new ProvisioningFailure("Board stayed busy", RESEAT, e);
            // §4: the board's detail ("expected offset 0") is for the operator and the audit too.
            default -> new ProvisioningFailure("Board refused: " + code.description() + e.boardDetail().map(d -> " (" + d + ")").orElse(""), RESEAT, e);
        };
    }

    static ProvisioningFailure of(CaException e) {
        if (e instanceof IssuanceRefusedException) {
            return new ProvisioningFailure("CA refused the board: " + e.getMessage(), SET_ASIDE + "; " + SUPERVISOR.toLowerCase(), e);
        }
        if (e instanceof KeyManagerException) {
            // The operator reads what to do; the token's own code stays in the reason for the audit.
            return ProvisioningFailure.caKeyLost("The HSM could not sign: it is locked or gone (" + tokenCode(e) + ")",
                    "Call a supervisor to reconnect and unlock the HSM, then put the board back", e);
        }
        return new ProvisioningFailure("The CA could not sign: " + e.getMessage(), "Check the HSM is connected and unlocked; " + SUPERVISOR.toLowerCase(), e);
    }

    /** The PKCS#11 return code (CKR_…) in a key failure's message, else its message. */
    private static String tokenCode(CaException e) {
        var code = java.util.regex.Pattern.compile("CKR_[A-Z_]+").matcher(String.valueOf(e.getMessage()));
        return code.find() ? code.group() : e.getMessage();
    }

    static ProvisioningFailure of(StoreException e) {
        return new ProvisioningFailure("The station could not record the board", "Call an admin (disk full or database damaged); keep the board aside", e);
    }
}
