package io.imprint.station.engine;

import io.imprint.device.family.BoardFamily;
import java.time.Instant;
import java.util.Optional;

/**
 * What a slot shows right now: the observers' (the line screen's, the CLI's) whole view of a board.
 *
 * @param slot        the slot's name
 * @param port        the port its board is on
 * @param step        how far the board got
 * @param deviceId    the board's id once identified
 * @param serial      the certificate serial once signed
 * @param failure     why it failed and what to do, once FAILED
 * @param startedAt   when the board was detected
 * @param family      the board's family once its driver answered (Imprint, nRF91, Zephyr SMP)
 */
public record SlotView(String slot, String port, Step step, Optional<String> deviceId, Optional<String> serial,
                       Optional<Failure> failure, Instant startedAt, Optional<BoardFamily> family) {

    /** A view before the board's family is known. */
    public SlotView(String slot, String port, Step step, Optional<String> deviceId, Optional<String> serial,
                    Optional<Failure> failure, Instant startedAt) {
        this(slot, port, step, deviceId, serial, failure, startedAt, Optional.empty());
    }

    /**
     * A failure as the operator reads it: what went wrong, and what to do.
     *
     * @param cause whose matter it is: the board's, the station's lost CA key, or the station stopping
     */
    public record Failure(String reason, String nextAction, Cause cause) {

        /** Who a failure is down to; only a board's own failure is the board's fault. */
        public enum Cause {
            /** The board, its cable or its firmware. */
            BOARD,
            /** The CA's key could not sign (the HSM locked or gone): a station matter, not the board's. */
            CA_KEY_LOST,
            /** The station was told to stop: the attempt is recorded ABANDONED, and the board is fine to put back once it runs again. */
            STOPPED
        }

        /** A board's failure. */
        public Failure(String reason, String nextAction) {
            this(reason, nextAction, Cause.BOARD);
        }

        public boolean caKeyLost() {
            return cause == Cause.CA_KEY_LOST;
        }

        public boolean stopped() {
            return cause == Cause.STOPPED;
        }
    }
}
