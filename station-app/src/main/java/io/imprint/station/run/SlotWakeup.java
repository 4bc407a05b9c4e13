package io.imprint.station.run;

import io.imprint.device.port.BoardPorts;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes a slot when its port may have changed, so it looks again at once instead of polling: the ports'
 * own attach and detach events (serial and USB boards the host lists), and the file system's events in the
 * directories its path leads through (a fixture's /dev/serial/by-path link, the demo's socket links, a
 * /dev node), which no port listing shows. A slot still looks once a {@link #FALLBACK} with no event: a
 * file system without change events, or one missed, costs that much latency, never a board.
 *
 * <p>Thread-safe: the watches signal from their threads, the slot waits on its own.
 */
final class SlotWakeup implements AutoCloseable {

    static final Duration FALLBACK = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(SlotWakeup.class);

    private final Object lock = new Object();
    private final AutoCloseable portWatch;
    private final WatchService files;
    private final Set<Path> watched = new HashSet<>(); // guarded by lock
    private long changes; // guarded by lock
    private boolean closed; // guarded by lock

    SlotWakeup(BoardPorts ports, String slot) {
        this.portWatch = ports.watch(Duration.ofMillis(50), event -> signal());
        this.files = newWatchService();
        if (files != null) {
            Thread t = new Thread(this::pumpFileEvents, "slot-wakeup-" + slot);
            t.setDaemon(true);
            t.start();
        }
    }

    /** A count that moves on every event: read it before looking, then {@link #awaitChange} from it. */
    long changes() {
        synchronized (lock) {
            return changes;
        }
    }

    /** Waits until an event came after {@code seen}, or {@code max}; false if closed or interrupted. */
    boolean awaitChange(long seen, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (lock) {
            while (changes == seen && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return !closed;
        }
    }

    /** Watches the directories {@code path} leads through: its own, and its link target's once it has one. */
    void watchPath(Path path) {
        if (files == null) {
            return;
        }
        watchDirectory(path.toAbsolutePath().getParent());
        try {
            if (Files.exists(path)) {
                watchDirectory(path.toRealPath().getParent());
            }
        } catch (IOException e) {
            // gone again already: the next look finds that
        }
    }

    private void watchDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        synchronized (lock) {
            if (closed || !watched.add(dir)) {
                return;
            }
        }
        try {
            dir.register(files, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException | UnsupportedOperationException | ClosedWatchServiceException e) {
            log.debug("no change events for {}: the slot looks every {} there", dir, FALLBACK);
        }
    }

    private void pumpFileEvents() {
        try {
            while (true) {
                WatchKey key = files.take();
                key.pollEvents();
                key.reset();
                signal();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    void signal() {
        synchronized (lock) {
            changes++;
            lock.notifyAll();
        }
    }

    private static WatchService newWatchService() {
        try {
            return FileSystems.getDefault().newWatchService();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        if (files != null) {
            try {
                files.close();
            } catch (IOException e) {
                // nothing held
            }
        }
        try {
            portWatch.close();
        } catch (Exception e) {
            log.debug("port watch did not close cleanly: {}", e.getMessage());
        }
    }
}
