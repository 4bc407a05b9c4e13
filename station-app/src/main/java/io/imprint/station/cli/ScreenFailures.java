package io.imprint.station.cli;

import java.util.Optional;

/**
 * What a machine lacks when the station screen cannot start, in one line an operator can act on: JavaFX
 * reports a missing GTK or an unreachable display as an exception deep in its toolkit's start.
 *
 * <p>Stateless and thread-safe.
 */
final class ScreenFailures {

    static final String NO_GTK = "the station screen needs GTK 3, which this machine does not have: sudo apt-get install libgtk-3-0";
    static final String NO_SOFTHSM = "the demo station keeps its CA in SoftHSM2, which is not installed: sudo apt-get install softhsm2";

    private ScreenFailures() {
    }

    /** The one line for {@code failure}, if it is one of the machine's gaps rather than a fault of the station's. */
    static Optional<String> explain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("Unable to load glass GTK library") || m.contains("libgtk-3")) {
                return Optional.of(NO_GTK);
            }
            if (m.contains("Unable to open DISPLAY")) {
                String display = System.getenv("DISPLAY");
                return Optional.of("the station screen cannot reach the display " + display
                        + ": start it from the desktop session, or under a virtual one: xvfb-run -a imprint station …");
            }
        }
        return Optional.empty();
    }
}
