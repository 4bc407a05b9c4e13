package io.imprint.station.ui;

import io.imprint.station.run.Unlocked;
import java.util.List;
import java.util.concurrent.Future;

/**
 * A demo station being prepared while the window opens: the unlocked station, its demo batch and the
 * demo accounts, shown on the login screen in demo mode only.
 *
 * @param station   the prepared, unlocked station with the demo batch id (done in the background)
 * @param accounts  "user / password (role)" lines for the login screen
 */
public record DemoStart(Future<Prepared> station, List<String> accounts) {

    /** What the demo preparation hands the screen. */
    public record Prepared(Unlocked unlocked, String batchId) {
    }
}
