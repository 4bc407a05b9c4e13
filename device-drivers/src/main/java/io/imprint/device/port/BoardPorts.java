package io.imprint.device.port;

import io.imprint.device.transport.PortIdentity;
import io.imprint.device.transport.Transport;
import io.imprint.device.watch.PortEvent;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one way the station reaches boards, serial and USB bulk alike: list the ports there now, watch them
 * come and go, open a transport to one. Only the station's start-up wiring picks an implementation
 * ({@link HostPorts} on a real fixture); everything else sees this interface, so no part of the workflow
 * knows which library talks to a board.
 *
 * <p>Implementations are thread-safe: every slot lists and opens through the same instance.
 */
public interface BoardPorts extends AutoCloseable {

    /** The ports present now: serial ports, and USB boards of the configured vendor ids. Never throws: a failing source lists nothing. */
    List<PortIdentity> list();

    /**
     * Reports ports as they come and go, debounced (a port is attached once present for {@code debounce},
     * detached once absent for it), starting with an attach for each port already there. The listener is
     * called on the watch's own thread, one event at a time.
     */
    AutoCloseable watch(Duration debounce, Consumer<PortEvent> listener);

    /**
     * A transport to {@code port} (from {@link #list()}, an event, or {@link PortIdentity#ofPath} for a pty
     * or a by-path link), not opened yet. {@code baud} applies to serial ports and is ignored by USB bulk.
     */
    Transport transport(PortIdentity port, int baud);

    /**
     * Runs {@code hook} when the JVM shuts down (SIGTERM, Ctrl-C, exit), before the ports this opened are
     * closed by whatever closes them at exit: the station cancels the boards in flight and records them
     * while their ports still work. By default an ordinary shutdown hook, for ports nothing closes at exit.
     */
    default void beforePortsCloseAtExit(Thread hook) {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Closes the USB bus and the watches; transports already handed out are their owners' to close. */
    @Override
    void close();
}
