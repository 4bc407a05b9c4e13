package io.imprint.station.sync.online;

import io.imprint.station.audit.AuditTrail;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import io.imprint.station.store.Transactions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running station's background sync: one daemon thread per configured target drains the outbox
 * whenever there is something due and waits when the registry cannot be reached, so a network outage
 * never blocks or fails a slot (the engine only adds outbox rows in its own transactions). Another
 * thread counts each target's entries every few seconds for whoever shows them.
 *
 * <p>Closing lets a call under way finish (its HTTP timeouts bound it) and ends every wait at once.
 *
 * <p>Thread-safe. The listener is called from the service's status thread, never the FX thread.
 */
public final class SyncService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);

    /** What a target's thread is doing. */
    public enum Phase { SYNCING, IDLE, WAITING, STOPPED }

    /** One target's counts and what its thread is doing; {@code message} says why it waits or stopped. */
    public record Status(SyncTarget target, SyncCounts counts, Phase phase, String message) {
    }

    /** Told the statuses of every target, in settings order, each time they are counted. */
    @FunctionalInterface
    public interface Listener {
        void changed(List<Status> statuses);
    }

    /** Opens a target's registry: {@link Registries#open} in the station, a stand-in in tests. */
    @FunctionalInterface
    public interface Opener {
        Registry open(SyncTarget target, Registries.Options options) throws RegistryException;
    }

    /** How often the status is counted, an idle target looks for new entries, a failing one tries again. */
    public record Timing(Duration statusEvery, Duration idlePoll, Duration retryAfterFailure, Duration retryAfterRefusal) {
        public static Timing standard() {
            return new Timing(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5));
        }
    }

    private final StationDatabase db;
    private final AuditTrail audit;
    private final List<String> caChainPem;
    private final SyncSettings settings;
    private final Opener opener;
    private final Listener listener;
    private final Timing timing;
    private final CountDownLatch closing = new CountDownLatch(1);
    /**
     * Real time, with sleeps that end when the service closes. Closing never interrupts a thread: an
     * interrupt inside an H2 file operation closes the database file under the engine's feet.
     */
    private final SyncClock clock = new SyncClock() {
        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public long nanos() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            if (closing.await(Math.max(0, duration.toNanos()), TimeUnit.NANOSECONDS)) {
                throw new InterruptedException("the sync is closing");
            }
        }
    };
    private final Map<SyncTarget, Status> statuses = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();

    private SyncService(StationDatabase db, AuditTrail audit, List<String> caChainPem, SyncSettings settings, Opener opener, Listener listener,
                        Timing timing) {
        this.db = db;
        this.audit = audit;
        this.caChainPem = List.copyOf(caChainPem);
        this.settings = settings;
        this.opener = opener;
        this.listener = listener;
        this.timing = timing;
    }

    /** Starts a thread per target of {@code settings} (none when it names none) and the status thread. */
    public static SyncService start(StationDatabase db, AuditTrail audit, List<String> caChainPem, SyncSettings settings, Opener opener,
                                    Listener listener, Timing timing) {
        SyncService s = new SyncService(db, audit, caChainPem, settings, opener, listener, timing);
        for (SyncSettings.Target t : settings.targets()) {
            s.statuses.put(t.target(), new Status(t.target(), new SyncCounts(t.target(), 0, 0, 0, 0, 0), Phase.IDLE, "starting"));
            s.threads.add(Thread.ofPlatform().daemon().name("sync-" + t.target().id()).start(() -> s.run(t)));
        }
        if (!settings.targets().isEmpty()) {
            s.threads.add(Thread.ofPlatform().daemon().name("sync-status").start(s::count));
        }
        return s;
    }

    public boolean configured() {
        return !settings.targets().isEmpty();
    }

    public List<Status> statuses() {
        return settings.targets().stream().map(t -> statuses.get(t.target())).toList();
    }

    private void run(SyncSettings.Target t) {
        TokenBucket pacing = new TokenBucket(clock, t.rate(), 1);
        try {
            while (closing.getCount() > 0) {
                Duration wait = timing.idlePoll();
                try (Registry registry = opener.open(t.target(), t.options())) {
                    phase(t.target(), Phase.SYNCING, "");
                    SyncRunner.Outcome o = new SyncRunner(db, audit, registry, caChainPem, clock, pacing, Backoff.standard(), "sync", Optional.empty())
                            .drain(Optional.of(timing.retryAfterFailure().multipliedBy(10)));
                    if (o.stopped().isPresent()) {
                        boolean refused = o.stopped().get().contains("refused the station's credentials");
                        phase(t.target(), refused ? Phase.STOPPED : Phase.WAITING, o.stopped().get());
                        wait = refused ? timing.retryAfterRefusal() : timing.retryAfterFailure();
                    } else {
                        phase(t.target(), Phase.IDLE, "");
                    }
                } catch (RegistryException e) {
                    boolean refused = e.kind() == RegistryException.Kind.UNAUTHORISED;
                    phase(t.target(), refused ? Phase.STOPPED : Phase.WAITING, e.getMessage());
                    wait = refused ? timing.retryAfterRefusal() : timing.retryAfterFailure();
                } catch (StoreException | RuntimeException e) {
                    // Never kill the thread: the next round may find the log or the registry well again.
                    LOG.warn("sync to {} failed; trying again in {}", t.target().id(), timing.retryAfterFailure(), e);
                    phase(t.target(), Phase.WAITING, e.getMessage());
                    wait = timing.retryAfterFailure();
                }
                clock.sleep(wait);
            }
        } catch (InterruptedException e) {
            // Closing: the entry under way, if any, stays pending and is re-sent next time.
        }
    }

    private void phase(SyncTarget t, Phase phase, String message) {
        statuses.computeIfPresent(t, (k, s) -> new Status(t, s.counts(), phase, message == null ? "" : message));
    }

    private void count() {
        try {
            while (closing.getCount() > 0) {
                try {
                    for (SyncSettings.Target t : settings.targets()) {
                        SyncCounts c = Transactions.inTransaction(db, tx -> new SyncStore().counts(tx, t.target(), Optional.empty()));
                        statuses.computeIfPresent(t.target(), (k, s) -> new Status(k, c, s.phase(), s.message()));
                    }
                    listener.changed(statuses());
                } catch (StoreException | RuntimeException e) {
                    LOG.warn("cannot count the sync outbox", e);
                }
                clock.sleep(timing.statusEvery());
            }
        } catch (InterruptedException e) {
            // Closing.
        }
    }

    /** Stops the threads; an entry whose call was under way stays pending and is re-sent next time. */
    @Override
    public void close() {
        closing.countDown();
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
