package io.imprint.station.sync.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.station.audit.AuditTrail;
import io.imprint.station.audit.MemoryChainSigner;
import io.imprint.station.store.Sql;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.Transactions;
import io.imprint.station.testing.SyncSeed;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's logic on a real H2 file against a registry in memory and a clock that moves when it sleeps. */
class SyncRunnerTest {

    @TempDir
    Path dir;
    private StationDatabase db;
    private AuditTrail audit;
    private SyncSeed seed;
    private final FakeSyncClock clock = new FakeSyncClock();
    private final SyncStore store = new SyncStore();

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

    private SyncRunner runner(Registry registry, double rate) {
        return new SyncRunner(db, audit, registry, List.of(seed.caPem()), clock, new TokenBucket(clock, rate, 1),
                new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60), new Random(7)), "sam", Optional.empty());
    }

    private SyncCounts counts() throws Exception {
        return Transactions.inTransaction(db, tx -> store.counts(tx, SyncTarget.AZURE, Optional.empty()));
    }

    private long auditCount(String action) throws Exception {
        return Transactions.inTransaction(db, tx -> Sql.count(tx, "SELECT COUNT(*) FROM audit_events WHERE action = ?", action));
    }

    @Test
    void deliversEveryEntryOnceInEntryOrderAndAsManyAsTheRegistryTakesACall() throws Exception {
        List<String> ids = seed.provisioned(db, "B-1", 25);
        FakeRegistry registry = new FakeRegistry(10);

        SyncRunner.Outcome outcome = runner(registry, 1000).drain(Optional.empty());

        assertThat(outcome.synced()).isEqualTo(25);
        assertThat(outcome.stopped()).isEmpty();
        assertThat(registry.callSizes).containsExactly(10, 10, 5);
        assertThat(registry.held.keySet()).containsExactlyElementsOf(ids);
        assertThat(counts()).isEqualTo(new SyncCounts(SyncTarget.AZURE, 0, 25, 0, 0, 0));
        // One summary event for the pass, not one per board.
        assertThat(auditCount("sync.synced")).isEqualTo(1);
        assertThat(runner(registry, 1000).drain(Optional.empty()).synced()).isZero();
    }

    @Test
    void anAnswerLostInACrashIsFoundThereOnTheNextPassAndCountedOnce() throws Exception {
        seed.provisioned(db, "B-1", 12);
        FakeRegistry registry = new FakeRegistry(10);
        registry.loseNextAnswer = true;

        assertThatThrownBy(() -> runner(registry, 1000).drain(Optional.empty())).hasMessageContaining("died");
        assertThat(registry.held).hasSize(10);
        assertThat(counts().pending()).isEqualTo(12);

        SyncRunner.Outcome again = runner(registry, 1000).drain(Optional.empty());

        assertThat(again.synced()).isEqualTo(12);
        assertThat(again.alreadyThere()).isEqualTo(10);
        assertThat(registry.creations.values()).hasSize(12).containsOnly(1);
        assertThat(counts().synced()).isEqualTo(12);
    }

    @Test
    void throttlingHoldsTheTargetForAtLeastItsRetryAfterThenEverythingIsSyncedOnce() throws Exception {
        seed.provisioned(db, "B-1", 5);
        FakeRegistry registry = new FakeRegistry(1);
        registry.failures.add(FakeRegistry.throttled(Duration.ofSeconds(7)));
        registry.failures.add(FakeRegistry.throttled(null));

        SyncRunner.Outcome outcome = runner(registry, 1000).drain(Optional.empty());

        assertThat(outcome.synced()).isEqualTo(5);
        assertThat(registry.creations.values()).hasSize(5).containsOnly(1);
        assertThat(clock.sleeps).anySatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofSeconds(7)));
        long tries = Transactions.inTransaction(db, tx -> Sql.count(tx, "SELECT MAX(tries) FROM sync_deliveries"));
        assertThat(tries).isEqualTo(3);
        // The first board, throttled twice, was still the first registered: nothing overtook it.
        assertThat(registry.held.keySet()).first().isEqualTo("B-1-00000");
    }

    @Test
    void refusedCredentialsStopThePassAndMarkNothingSynced() throws Exception {
        seed.provisioned(db, "B-1", 3);
        FakeRegistry registry = new FakeRegistry(10);
        registry.failures.add(new RegistryException(RegistryException.Kind.UNAUTHORISED, "403 the SAS token's signature is wrong", null, null));

        SyncRunner.Outcome outcome = runner(registry, 1000).drain(Optional.empty());

        assertThat(outcome.stopped()).hasValueSatisfying(s -> assertThat(s).contains("refused the station's credentials", "signature is wrong"));
        assertThat(counts()).isEqualTo(new SyncCounts(SyncTarget.AZURE, 3, 0, 0, 0, 0));
        String error = Transactions.inTransaction(db, tx -> Sql.query(tx, "SELECT last_error FROM sync_deliveries ORDER BY entry_id", rs -> rs.getString(1)).getFirst());
        assertThat(error).startsWith("unauthorised: 403");
        assertThat(auditCount("sync.stopped")).isEqualTo(1);
    }

    @Test
    void aRegistryThatKeepsFailingIsGivenUpOnAfterTheGivenTimeWithEverythingStillPending() throws Exception {
        seed.provisioned(db, "B-1", 2);
        FakeRegistry registry = new FakeRegistry(10);
        for (int i = 0; i < 100; i++) {
            registry.failures.add(new RegistryException(RegistryException.Kind.UNAVAILABLE, "503 Service Unavailable", null, null));
        }

        SyncRunner.Outcome outcome = runner(registry, 1000).drain(Optional.of(Duration.ofMinutes(2)));

        assertThat(outcome.stopped()).hasValueSatisfying(s -> assertThat(s).contains("kept failing", "503"));
        assertThat(clock.elapsed()).isBetween(Duration.ofMinutes(2), Duration.ofMinutes(3));
        assertThat(counts().pending()).isEqualTo(2);
    }

    @Test
    void revocationsFollowTheirRegistrationClaimBoardsAreSkippedAndALostCertificateFails() throws Exception {
        List<String> ids = seed.provisioned(db, "B-1", 3);
        seed.revoke(db, "B-1", ids.get(1));
        seed.claimEntry(db, "B-1", "CLAIM-1");
        Transactions.inTransaction(db, tx -> Sql.update(tx, "DELETE FROM certificates WHERE device_id = ?", ids.get(2)));
        FakeRegistry registry = new FakeRegistry(10);

        SyncRunner.Outcome outcome = runner(registry, 1000).drain(Optional.empty());

        assertThat(registry.held.keySet()).containsExactly(ids.get(0), ids.get(1));
        assertThat(registry.revoked).containsExactly(ids.get(1));
        assertThat(outcome.skipped()).isEqualTo(1);
        assertThat(outcome.failed()).isEqualTo(1);
        assertThat(counts()).isEqualTo(new SyncCounts(SyncTarget.AZURE, 0, 3, 1, 0, 1));
        List<String> problems = Transactions.inTransaction(db, tx -> store.problems(tx, SyncTarget.AZURE, 10));
        assertThat(problems).singleElement().asString().contains(ids.get(2), "failed", "is not in the batch log");
        assertThat(auditCount("sync.failed")).isEqualTo(1);
    }

    @Test
    void aDeviceTheRegistryHoldsWithAnotherCertificateIsAConflictNotOverwritten() throws Exception {
        List<String> ids = seed.provisioned(db, "B-1", 2);
        FakeRegistry registry = new FakeRegistry(10);
        registry.held.put(ids.get(0), "00".repeat(32));

        SyncRunner.Outcome outcome = runner(registry, 1000).drain(Optional.empty());

        assertThat(outcome.conflicts()).isEqualTo(1);
        assertThat(registry.held.get(ids.get(0))).isEqualTo("00".repeat(32));
        assertThat(counts()).isEqualTo(new SyncCounts(SyncTarget.AZURE, 0, 1, 0, 1, 0));
        assertThat(auditCount("sync.conflict")).isEqualTo(1);
    }

    @Test
    void pacingHoldsTheConfiguredRate() throws Exception {
        seed.provisioned(db, "B-1", 51);

        runner(new FakeRegistry(1), 10).drain(Optional.empty());

        // 51 calls at 10 a second, the first at once: 5 s of waiting, to within a rounding.
        assertThat(clock.elapsed().toMillis()).isBetween(4990L, 5010L);
    }
}
