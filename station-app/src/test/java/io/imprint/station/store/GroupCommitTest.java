package io.imprint.station.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transactions of many threads sharing durable commits, each one still all-or-nothing. */
class GroupCommitTest {

    @TempDir
    Path dir;

    /** A caller's own failure, to see it come back typed. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    @Test
    void everyCallerGetsItsOwnResultAndItsRowsAreInTheFileAfterReopening() throws Exception {
        try (StationDatabase db = StationDatabase.open(dir.resolve("station"));
             ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                results.add(pool.submit(() -> db.groupCommit().<Integer, RuntimeException>run(tx -> Sql.update(tx,
                        "INSERT INTO station_settings (setting_name, setting_value) VALUES (?, ?)", "k" + n, "v" + n) * n)));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(i);
            }
            GroupCommit.Stats stats = db.groupCommit().stats();
            assertThat(stats.works()).isEqualTo(400);
            assertThat(stats.commits()).isBetween(1L, 400L);
        }
        try (StationDatabase db = StationDatabase.open(dir.resolve("station"))) {
            long rows = Transactions.<Long, RuntimeException>inTransaction(db,
                    tx -> Sql.count(tx, "SELECT COUNT(*) FROM station_settings WHERE setting_name LIKE 'k%'"));
            assertThat(rows).isEqualTo(400);
        }
    }

    @Test
    void aWorkThatFailsLeavesNothingWhileTheOthersOfItsGroupCommit() throws Exception {
        try (StationDatabase db = StationDatabase.open(dir.resolve("station"))) {
            GroupCommit commits = db.groupCommit();
            CountDownLatch othersQueued = new CountDownLatch(1);
            // Holds the writer, so the next two works are queued together and share the next commit.
            CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> run(commits, tx -> {
                await(othersQueued);
                return null;
            }));
            CompletableFuture<Throwable> failing = CompletableFuture.supplyAsync(() -> {
                try {
                    commits.<Void, Refused>run(tx -> {
                        Sql.update(tx, "INSERT INTO station_settings (setting_name, setting_value) VALUES ('failed', 'x')");
                        throw new Refused("no place left");
                    });
                    return null;
                } catch (Exception e) {
                    return e;
                }
            });
            CompletableFuture<Void> passing = CompletableFuture.runAsync(() -> run(commits, tx ->
                    Sql.update(tx, "INSERT INTO station_settings (setting_name, setting_value) VALUES ('passed', 'y')")));
            waitUntilQueued(commits, 2);
            othersQueued.countDown();
            holder.get(10, TimeUnit.SECONDS);
            passing.get(10, TimeUnit.SECONDS);
            assertThat(failing.get(10, TimeUnit.SECONDS)).isInstanceOf(Refused.class).hasMessage("no place left");
            assertThat(commits.stats().commits()).as("the holder's commit, then one for both").isEqualTo(2);
            List<String> names = Transactions.<List<String>, RuntimeException>inTransaction(db, tx -> Sql.query(tx,
                    "SELECT setting_name FROM station_settings WHERE setting_name IN ('failed', 'passed')", rs -> rs.getString(1)));
            assertThat(names).containsExactly("passed");
        }
    }

    @Test
    void anInterruptedCallerStillLearnsWhetherItsWorkCommittedAndKeepsItsInterrupt() throws Exception {
        try (StationDatabase db = StationDatabase.open(dir.resolve("station"))) {
            CountDownLatch working = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> caller = new CompletableFuture<>();
            Thread thread = Thread.ofPlatform().start(() -> {
                try {
                    String result = db.groupCommit().<String, RuntimeException>run(tx -> {
                        working.countDown();
                        await(release);
                        Sql.update(tx, "INSERT INTO station_settings (setting_name, setting_value) VALUES ('late', 'z')");
                        return "committed";
                    });
                    caller.complete(result + ", interrupted " + Thread.currentThread().isInterrupted());
                } catch (Exception e) {
                    caller.completeExceptionally(e);
                }
            });
            assertThat(working.await(10, TimeUnit.SECONDS)).isTrue();
            thread.interrupt();
            release.countDown();
            assertThat(caller.get(10, TimeUnit.SECONDS)).isEqualTo("committed, interrupted true");
        }
    }

    @Test
    void aClosedLogRefusesAndWorkMayNotNest() throws Exception {
        StationDatabase db = StationDatabase.open(dir.resolve("station"));
        GroupCommit commits = db.groupCommit();
        assertThatThrownBy(() -> commits.<Object, Exception>run(tx -> commits.run(inner -> null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("must not start another");
        db.close();
        assertThatThrownBy(() -> commits.run(tx -> null)).isInstanceOf(StoreException.class).hasMessageContaining("closed");
    }

    private static <T> T run(GroupCommit commits, Transactions.Work<T, RuntimeException> work) {
        try {
            return commits.run(work);
        } catch (StoreException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntilQueued(GroupCommit commits, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (commits.queued() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(commits.queued()).isEqualTo(n);
    }
}
