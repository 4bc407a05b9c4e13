package io.imprint.station.engine;

import io.imprint.station.StationException;

/**
 * A board could not be provisioned; carries the words of the red tile: the reason and the next action.
 *
 * <p>Immutable and thread-safe.
 */
public final class ProvisioningFailure extends StationException {

    private final SlotView.Failure failure;

    public ProvisioningFailure(String reason, String nextAction) {
        this(reason, nextAction, null);
    }

    public ProvisioningFailure(String reason, String nextAction, Throwable cause) {
        super(reason + " — " + nextAction, cause);
        this.failure = new SlotView.Failure(reason, nextAction);
    }

    public SlotView.Failure failure() {
        return failure;
    }
}
