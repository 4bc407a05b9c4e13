package io.imprint.station.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable transactions of many threads sharing commits. Each caller's work runs on one writer thread
 * inside a savepoint of a shared transaction; whatever arrived while the previous commit was being
 * written goes into the next one. A caller returns only after the commit holding its work returned, so
 * every acknowledgement is as durable as with a commit of its own — more: each group's commit is
 * fsynced, so it survives a power cut as well as a killed process.
 *
 * <p>Why: with {@code WRITE_DELAY=0} every H2 commit writes a chunk under the store's lock, and the
 * engine's transactions all update the audit head, so slots used to queue for each other's commits
 * (13–45 ms per transaction with eight slots). One writer makes no lock waits, and one chunk per group
 * writes far less (docs/PERFORMANCE.md).
 *
 * <p>A work that throws is rolled back to its savepoint and its caller gets the exception; the others
 * of its group commit. A failed commit fails every caller of the group. Work must not call back into
 * the same group commit (it would wait for itself).
 *
 * <p>Thread-safe.
 */
public final class GroupCommit implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    /** Bounds a group, so one commit never holds up its first caller behind an endless queue. */
    private static final int MAX_GROUP = 64;
    /** How often the writer compacts the file between groups (see {@link StationDatabase#compactSome}). */
    private static final long COMPACT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Chunks less full than this are rewritten; H2's own background writer aims at 90. */
    private static final int TARGET_FILL_PERCENT = 80;
    /** At most this much rewritten per compaction, so a group never waits long behind one. */
    private static final int COMPACT_WRITE_BYTES = 4 << 20;

    private record Job(Transactions.Work<?, ?> work, CompletableFuture<Object> done) {
    }

    private final StationDatabase db;
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    /** Guards {@link #open} against a job queued after the writer's last look. */
    private final Object gate = new Object();
    private volatile boolean open = true;
    /** Used by the writer thread only. */
    private Connection connection;
    /** Used by the writer thread only. */
    private long lastCompaction = System.nanoTime();
    private final java.util.concurrent.atomic.LongAdder commits = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder jobs = new java.util.concurrent.atomic.LongAdder();

    /** Commits written and the works they held, since the start: their ratio is the average group. */
    public record Stats(long commits, long works) {
    }

    GroupCommit(StationDatabase db) {
        this.db = db;
        this.writer = Thread.ofPlatform().daemon().name("batch-log-writer").start(this::writeLoop);
    }

    public Stats stats() {
        return new Stats(commits.sum(), jobs.sum());
    }

    /** Works waiting for the writer (tests). */
    int queued() {
        return queue.size();
    }

    /** Runs {@code work} in a shared transaction; returns once its commit is durable. */
    @SuppressWarnings("unchecked")
    public <T, E extends Exception> T run(Transactions.Work<T, E> work) throws E, StoreException {
        if (Thread.currentThread() == writer) {
            throw new IllegalStateException("group commit work must not start another group commit");
        }
        CompletableFuture<Object> done = new CompletableFuture<>();
        synchronized (gate) {
            if (!open) {
                throw new StoreException("batch log " + db.file() + ".mv.db is closed");
            }
            queue.add(new Job(work, done));
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return (T) done.get();
                } catch (InterruptedException e) {
                    // A commit takes milliseconds: wait for its outcome, so the caller never has to guess
                    // whether work it was told failed landed after all. The interrupt is kept for later.
                    interrupted = true;
                } catch (ExecutionException e) {
                    switch (e.getCause()) {
                        case StoreException s -> throw s;
                        case RuntimeException r -> throw r;
                        case Error r -> throw r;
                        case Exception other -> throw (E) other;
                        default -> throw new IllegalStateException(e.getCause());
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void writeLoop() {
        List<Job> group = new ArrayList<>(MAX_GROUP);
        while (true) {
            try {
                Job first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    synchronized (gate) {
                        if (!open && queue.isEmpty()) {
                            discardConnection();
                            return;
                        }
                    }
                    compactIfDue();
                    continue;
                }
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                commit(group);
                group.clear();
                compactIfDue();
            } catch (InterruptedException e) {
                // Nobody interrupts the writer but a dying JVM; queued callers are failed, not left waiting.
                synchronized (gate) {
                    open = false;
                }
                queue.forEach(j -> j.done().completeExceptionally(new StoreException("batch log writer interrupted")));
                discardConnection();
                return;
            } catch (RuntimeException | Error e) {
                LOG.error("batch log writer: {}", e.toString());
                group.forEach(j -> j.done().completeExceptionally(e));
            } finally {
                group.clear();
            }
        }
    }

    private void commit(List<Job> group) {
        List<Object> results = new ArrayList<>(group.size());
        try {
            Connection tx = connection();
            try {
                for (Job job : group) {
                    results.add(runOne(tx, job));
                }
                tx.commit();
                // The commit is in the file; the fsync puts it on the disk, so an acknowledged board
                // survives a power cut too, not only a killed process. One per group, not per slot.
                StationDatabase.mvStore(tx).sync();
            } catch (SQLException | RuntimeException | Error e) {
                // Rolled back and dropped: the next group starts on a fresh connection.
                rollbackQuietly(tx);
                discardConnection();
                throw e;
            }
            commits.increment();
            jobs.add(group.size());
        } catch (SQLException | StoreException e) {
            StoreException failure = e instanceof StoreException s ? s
                    : new StoreException("batch log " + db.file() + ".mv.db: " + e.getMessage() + " (disk full or file damaged?)", e);
            group.forEach(j -> j.done().completeExceptionally(failure));
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            Object r = results.get(i);
            if (r instanceof Failed(Throwable t)) {
                group.get(i).done().completeExceptionally(t);
            } else {
                group.get(i).done().complete(r);
            }
        }
    }

    private void compactIfDue() {
        long now = System.nanoTime();
        if (now - lastCompaction < COMPACT_EVERY_NANOS) {
            return;
        }
        lastCompaction = now;
        try {
            db.compactSome(TARGET_FILL_PERCENT, COMPACT_WRITE_BYTES);
        } catch (StoreException e) {
            // The commits themselves decide whether the log works; a compaction is retried next time.
            LOG.warn("batch log compaction failed: {}", e.getMessage());
        }
    }

    /** The writer's own connection, kept between groups so its session's statement cache stays warm. */
    private Connection connection() throws StoreException, SQLException {
        if (connection == null) {
            connection = db.connection();
            connection.setAutoCommit(false);
        }
        return connection;
    }

    private void discardConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Already broken; the pool replaces it.
            }
            connection = null;
        }
    }

    /** A work's exception, kept until the group's commit is over. */
    private record Failed(Throwable cause) {
    }

    private static Object runOne(Connection tx, Job job) throws SQLException {
        Savepoint before = tx.setSavepoint();
        try {
            return job.work().run(tx);
        } catch (Exception | Error e) {
            tx.rollback(before);
            return new Failed(e);
        }
    }

    private static void rollbackQuietly(Connection tx) {
        try {
            tx.rollback();
        } catch (SQLException ignored) {
            // The commit's failure is what the callers get.
        }
    }

    /** Commits what is queued, then stops the writer. */
    @Override
    public void close() {
        synchronized (gate) {
            open = false;
        }
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
