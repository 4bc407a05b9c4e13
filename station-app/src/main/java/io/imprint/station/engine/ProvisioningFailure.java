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
        this(new SlotView.Failure(reason, nextAction), cause);
    }

    private ProvisioningFailure(SlotView.Failure failure, Throwable cause) {
        super(failure.reason() + " — " + failure.nextAction(), cause);
        this.failure = failure;
    }

    /** The CA's key could not sign: the HSM is locked or gone, which no board can be blamed for. */
    static ProvisioningFailure caKeyLost(String reason, String nextAction, Throwable cause) {
        return new ProvisioningFailure(new SlotView.Failure(reason, nextAction, SlotView.Failure.Cause.CA_KEY_LOST), cause);
    }

    public SlotView.Failure failure() {
        return failure;
    }
}
