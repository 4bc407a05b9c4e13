package io.imprint.station.audit;

import static io.imprint.station.audit.AuditFixture.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.ca.key.KeyManager;
import io.imprint.ca.testing.TestTokens;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.testing.FakeClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Eight slots append at once, each in its own transaction, some of which roll back. */
class AuditConcurrencyTest {

    static final int THREADS = 8;
    static final int ATTEMPTS_PER_THREAD = 40;

    @TempDir
    Path dir;

    @Test
    void concurrentAppendersLeaveAGapFreeVerifyingChain() throws Exception {
        try (KeyManager token = TestTokens.createAndOpen(dir, "station");
             StationDatabase db = StationDatabase.open(dir.resolve("station"))) {
            TokenChainSigner signer = TokenChainSigner.getOrCreate(token, TokenChainSigner.DEFAULT_OBJECT, "st-1", FakeClock.ticking());
            AuditTrail trail = new AuditTrail("st-1", signer, 10, FakeClock.ticking());
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> committed = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    committed.add(pool.submit(() -> appendAsASlot(db, trail, thread, start)));
                }
                start.countDown();
            }
            int total = 0;
            for (Future<Integer> f : committed) {
                total += f.get();
            }

            assertThat(total).isLessThan(THREADS * ATTEMPTS_PER_THREAD).isGreaterThan(0);
            assertThat(count(db, "audit_events")).isEqualTo(total);
            assertThat(count(db, "station_settings")).as("each engine change committed with its event").isEqualTo(total);
            assertThat(seqs(db)).isEqualTo(java.util.stream.LongStream.rangeClosed(1, total).boxed().toList());
            assertThat(count(db, "audit_checkpoints")).isEqualTo(total / 10);
            AuditVerification result = AuditVerifier.trusting(List.of(signer.publicKey())).verifyDatabase(db);
            assertThat(result.problems()).isEmpty();
            assertThat(result.rows()).isEqualTo(total);
        }
    }

    /** Returns how many of its transactions committed; every fourth rolls back after appending. */
    private static int appendAsASlot(StationDatabase db, AuditTrail trail, int thread, CountDownLatch start) throws Exception {
        start.await();
        int committed = 0;
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            for (int i = 0; i < ATTEMPTS_PER_THREAD; i++) {
                String name = "slot-" + thread + "-" + i;
                try (PreparedStatement change = c.prepareStatement("INSERT INTO station_settings VALUES (?, 'x')")) {
                    change.setString(1, name);
                    change.executeUpdate();
                }
                trail.append(c, new AuditEvent("slot-" + thread, "device.provisioned", name, "{}"));
                if ((i + thread) % 4 == 3) {
                    c.rollback();
                } else {
                    c.commit();
                    committed++;
                }
            }
        }
        return committed;
    }

    private static List<Long> seqs(StationDatabase db) throws Exception {
        List<Long> seqs = new ArrayList<>();
        try (Connection c = db.connection(); ResultSet rs = c.createStatement().executeQuery("SELECT seq FROM audit_events ORDER BY seq")) {
            while (rs.next()) {
                seqs.add(rs.getLong(1));
            }
        }
        return seqs;
    }
}
