package io.imprint.station.ui.line;

import io.imprint.station.engine.SlotView;
import io.imprint.station.engine.Step;
import java.util.Optional;

/**
 * Something the operator must notice at once, shown as a notification and kept in the event log.
 *
 * @param kind  what happened
 * @param title the notification's title
 * @param text  what it means and what to do
 */
public record StationAlert(Kind kind, String title, String text) {

    public enum Kind { HSM_LOCKED, QUOTA_REACHED, DISK_NEARLY_FULL, BOARD_UNKNOWN, LABEL_NOT_PRINTED }

    /** The alert a failed board raises, if any: the CA's key could not sign, or the board could not be told apart. */
    public static Optional<StationAlert> of(SlotView v) {
        if (v.step() != Step.FAILED || v.failure().isEmpty()) {
            return Optional.empty();
        }
        String reason = v.failure().get().reason();
        if (v.failure().get().caKeyLost()) {
            return Optional.of(new StationAlert(Kind.HSM_LOCKED, "HSM locked or gone",
                    "The CA's key could not sign. A supervisor must reconnect the HSM and unlock it again on the line screen."));
        }
        if (v.deviceId().isEmpty()) {
            return Optional.of(new StationAlert(Kind.BOARD_UNKNOWN, "Unknown board on " + v.slot(),
                    "The board on " + v.slot() + " did not say who it is: " + reason + "."));
        }
        return Optional.empty();
    }

    public static StationAlert quotaReached(String batchId, int quantity) {
        return new StationAlert(Kind.QUOTA_REACHED, "Quota reached",
                "Batch " + batchId + " has all its " + quantity + " boards. Start the next batch.");
    }

    public static StationAlert diskNearlyFull(long freeMiB) {
        return new StationAlert(Kind.DISK_NEARLY_FULL, "Disk nearly full",
                "Only " + freeMiB + " MiB left for the batch log. Call an admin before the station stops.");
    }

    /** A passed board's label did not print: the board stays PASS; the text says what to check and how to reprint. */
    public static StationAlert labelNotPrinted(String deviceId, String text) {
        return new StationAlert(Kind.LABEL_NOT_PRINTED, "Label not printed: " + deviceId, text);
    }
}
