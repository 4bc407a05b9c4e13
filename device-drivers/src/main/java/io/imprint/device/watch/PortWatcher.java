package io.imprint.device.watch;

import io.imprint.device.transport.PortIdentity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a list of ports and reports, after debouncing, the ones that came and went. A port is
 * {@link PortEvent.Attached} once it has been present for the whole debounce period and
 * {@link PortEvent.Detached} once it has been absent for it, so a connector that flaps while a board is
 * pressed into the fixture makes no events at all. Ports are keyed by path; a Detached event carries the
 * identity the Attached one did.
 *
 * <p>Thread-safe. Scans are serialised; the listener is called on the scanning thread, one event at a
 * time and in order, so it should hand work off rather than do it. A source that throws is logged and
 * treated as "nothing changed".
 */
public final class PortWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PortWatcher.class);

    private final Supplier<? extends Collection<PortIdentity>> source;
    private final long debounceNanos;
    private final Duration interval;
    private final Consumer<PortEvent> listener;
    private final Object scanLock = new Object();
    /** By path, in path order so events come out in a stable order. Guarded by scanLock. */
    private final Map<String, Track> tracks = new TreeMap<>();
    private boolean sourceFailing; // guarded by scanLock
    private final Object lifecycle = new Object();
    private Thread thread; // guarded by lifecycle
    private volatile boolean closed;

    public PortWatcher(Supplier<? extends Collection<PortIdentity>> source, Duration debounce, Duration interval,
                       Consumer<PortEvent> listener) {
        this.source = Objects.requireNonNull(source, "source");
        this.listener = Objects.requireNonNull(listener, "listener");
        if (debounce.isNegative()) {
            throw new IllegalArgumentException("debounce must not be negative, was " + debounce);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
        this.debounceNanos = debounce.toNanos();
        this.interval = interval;
    }

    /** Starts polling on a daemon thread; a second call is a no-op. */
    public void start() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("port watcher is closed");
            }
            if (thread == null) {
                thread = Thread.ofPlatform().daemon().name("port-watcher").start(this::run);
            }
        }
    }

    private void run() {
        while (!closed) {
            scan(System.nanoTime());
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One poll of the source at {@code nowNanos} (a {@link System#nanoTime()} reading). */
    public void scan(long nowNanos) {
        synchronized (scanLock) {
            Map<String, PortIdentity> seen;
            try {
                seen = byPath(source.get());
            } catch (RuntimeException e) {
                // Once per outage: a source that stays broken would otherwise fill the log every interval.
                if (!sourceFailing) {
                    log.warn("port list unavailable, keeping the last known ports until it is back: {}", e.toString());
                }
                sourceFailing = true;
                return;
            }
            if (sourceFailing) {
                log.info("port list available again");
                sourceFailing = false;
            }
            for (PortEvent event : advance(seen, nowNanos)) {
                try {
                    listener.accept(event);
                } catch (RuntimeException e) {
                    log.warn("port listener failed on {}", event, e);
                }
            }
        }
    }

    private List<PortEvent> advance(Map<String, PortIdentity> seen, long now) {
        List<PortEvent> events = new ArrayList<>();
        for (PortIdentity port : seen.values()) {
            Track next = switch (tracks.get(port.path())) {
                case null -> new Track.Arriving(port, now);
                case Track.Arriving a -> a;
                case Track.Present p -> p;
                case Track.Leaving l -> new Track.Present(l.port()); // back within the debounce: a flap
            };
            if (next instanceof Track.Arriving a && now - a.since() >= debounceNanos) {
                events.add(new PortEvent.Attached(a.port()));
                next = new Track.Present(a.port());
            }
            tracks.put(port.path(), next);
        }
        for (Iterator<Map.Entry<String, Track>> it = tracks.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Track> entry = it.next();
            if (seen.containsKey(entry.getKey())) {
                continue;
            }
            Track next = switch (entry.getValue()) {
                case Track.Arriving a -> null; // gone again within the debounce: a flap
                case Track.Present p -> new Track.Leaving(p.port(), now);
                case Track.Leaving l -> l;
            };
            if (next instanceof Track.Leaving l && now - l.since() >= debounceNanos) {
                events.add(new PortEvent.Detached(l.port()));
                next = null;
            }
            if (next == null) {
                it.remove();
            } else {
                entry.setValue(next);
            }
        }
        return events;
    }

    private static Map<String, PortIdentity> byPath(Collection<PortIdentity> ports) {
        Map<String, PortIdentity> seen = new LinkedHashMap<>();
        for (PortIdentity port : Objects.requireNonNull(ports, "the source returned null")) {
            if (port != null) {
                seen.putIfAbsent(port.path(), port);
            }
        }
        return seen;
    }

    /** Stops polling; waits briefly for a scan in progress unless called from the listener. */
    @Override
    public void close() {
        Thread t;
        synchronized (lifecycle) {
            closed = true;
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
            try {
                t.join(Math.max(1000, interval.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Where one path is in its debounce. */
    private sealed interface Track {
        record Arriving(PortIdentity port, long since) implements Track { }

        record Present(PortIdentity port) implements Track { }

        record Leaving(PortIdentity port, long since) implements Track { }
    }
}
