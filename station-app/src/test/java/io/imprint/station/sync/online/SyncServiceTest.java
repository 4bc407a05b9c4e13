package io.imprint.station.sync.online;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.station.audit.AuditTrail;
import io.imprint.station.audit.MemoryChainSigner;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.testing.SyncSeed;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The station's background sync on a real H2 file: it follows new entries, waits out an outage, closes at once. */
class SyncServiceTest {

    @TempDir
    Path dir;
    private StationDatabase db;
    private AuditTrail audit;
    private SyncSeed seed;
    private final LinkedBlockingQueue<List<SyncService.Status>> seen = new LinkedBlockingQueue<>();
    private static final SyncService.Timing FAST = new SyncService.Timing(Duration.ofMillis(20), Duration.ofMillis(20), Duration.ofMillis(50),
            Duration.ofMillis(50));

    @BeforeEach
    void open() throws Exception {
        db = StationDatabase.open(dir.resolve("station"));
        audit = new AuditTrail("line-3", new MemoryChainSigner(), 100, Clock.systemUTC());
        seed = new SyncSeed();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private SyncService start(SyncService.Opener opener) {
        SyncSettings settings = SyncSettings.from(Map.of("sync.azure.enabled", "true", "sync.azure.rate", "1000"));
        return SyncService.start(db, audit, List.of(seed.caPem()), settings, opener, seen::add, FAST);
    }

    /** The first status report that satisfies {@code wanted}, within ten seconds. */
    private SyncService.Status await(Predicate<SyncService.Status> wanted) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        SyncService.Status last = null;
        while (System.nanoTime() < end) {
            List<SyncService.Status> s = seen.poll(100, TimeUnit.MILLISECONDS);
            if (s != null) {
                last = s.getFirst();
                if (wanted.test(last)) {
                    return last;
                }
            }
        }
        throw new AssertionError("never seen; last status " + last);
    }

    @Test
    void followsNewEntriesAsTheEngineAddsThem() throws Exception {
        seed.provisioned(db, "B-1", 5);
        FakeRegistry registry = new FakeRegistry(10);
        try (SyncService service = start((t, o) -> registry)) {
            assertThat(await(s -> s.counts().synced() == 5).counts().pending()).isZero();
            seed.provisioned(db, "B-2", 7);
            assertThat(await(s -> s.counts().synced() == 12).phase()).isIn(SyncService.Phase.IDLE, SyncService.Phase.SYNCING);
        }
        assertThat(registry.creations).hasSize(12);
    }

    @Test
    void anOutageLeavesEntriesPendingAndSaysWhyThenTheyAreSentWhenItEnds() throws Exception {
        seed.provisioned(db, "B-1", 3);
        FakeRegistry registry = new FakeRegistry(10);
        AtomicBoolean down = new AtomicBoolean(true);
        try (SyncService service = start((t, o) -> {
            if (down.get()) {
                throw new RegistryException(RegistryException.Kind.UNAVAILABLE, "no route to the DPS host", null, null);
            }
            return registry;
        })) {
            SyncService.Status waiting = await(s -> s.phase() == SyncService.Phase.WAITING && s.counts().pending() == 3);
            assertThat(waiting.message()).contains("no route");
            down.set(false);
            await(s -> s.counts().synced() == 3);
        }
    }

    @Test
    void closesAtOnceEvenWhileWaitingOutABackoff() throws Exception {
        seed.provisioned(db, "B-1", 1);
        FakeRegistry registry = new FakeRegistry(10);
        for (int i = 0; i < 10; i++) {
            registry.failures.add(FakeRegistry.throttled(Duration.ofMinutes(10)));
        }
        SyncService service = start((t, o) -> registry);
        await(s -> registry.callSizes.size() >= 1);
        long t0 = System.nanoTime();
        service.close();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        assertThat(service.statuses().getFirst().counts().pending()).isEqualTo(1);
        // Nothing was interrupted inside H2: the batch log is still open and readable.
        SyncCounts after = io.imprint.station.store.Transactions.inTransaction(db, tx -> new SyncStore().counts(tx, SyncTarget.AZURE, Optional.empty()));
        assertThat(after.pending()).isEqualTo(1);
    }
}
