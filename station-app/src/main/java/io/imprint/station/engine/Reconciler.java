package io.imprint.station.engine;

import io.imprint.station.store.AttemptRecords;
import io.imprint.station.store.StoreException;
import io.imprint.station.store.Sql;
import java.util.List;

/**
 * Runs at start-up, before any slot: attempts the station was running when it stopped are marked
 * ABANDONED and their boards FAILED, so they count against no quota. A certificate such an attempt
 * issued stays ISSUED: if its board comes back holding that key it gets the same certificate, and if
 * it comes back with another key the orphan is revoked (see {@link ProvisioningWorkflow}).
 *
 * <p>Stateless; run once, before the slots start.
 */
public final class Reconciler {

    private Reconciler() {
    }

    /** Returns the attempts it closed. */
    public static List<AttemptRecords.Unfinished> reconcile(Station station) throws StoreException {
        try {
            return station.tx(tx -> {
                List<AttemptRecords.Unfinished> open = station.log().attempts().unfinished(tx);
                for (AttemptRecords.Unfinished a : open) {
                    Sql.update(tx, "UPDATE attempts SET outcome = 'ABANDONED', failure_reason = 'station stopped during the attempt', finished_at = ? WHERE attempt_id = ?",
                            station.clock().instant(), a.attemptId());
                    if (a.deviceId() != null) {
                        station.log().devices().markFailed(tx, a.deviceId());
                    }
                    station.audit(tx, "station", "attempt.abandoned", a.deviceId() == null ? a.slot() : a.deviceId(),
                            "attempt", a.attemptId(), "step", a.step(), "serial", a.certificateSerial());
                }
                return open;
            });
        } catch (ProvisioningFailure e) {
            throw new IllegalStateException(e);
        }
    }
}
