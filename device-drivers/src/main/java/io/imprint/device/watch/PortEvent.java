package io.imprint.device.watch;

import io.imprint.device.transport.PortIdentity;
import java.util.Objects;

/**
 * A port came or went, after debouncing: what a {@link PortWatcher} tells its listener.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface PortEvent {

    PortIdentity port();

    /** The port has been present for the whole debounce period. */
    record Attached(PortIdentity port) implements PortEvent {
        public Attached {
            Objects.requireNonNull(port, "port");
        }
    }

    /** The port has been absent for the whole debounce period. */
    record Detached(PortIdentity port) implements PortEvent {
        public Detached {
            Objects.requireNonNull(port, "port");
        }
    }
}
