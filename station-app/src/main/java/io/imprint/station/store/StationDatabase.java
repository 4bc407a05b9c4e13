package io.imprint.station.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The station's batch log: one embedded H2 file, its schema made by the Flyway migrations in
 * {@code db/migration}. A commit that returned survives a kill -9 of the station: with
 * {@code WRITE_DELAY=0} H2 writes the commit to the file before the commit call returns
 * (StationDatabaseDurabilityTest shows it; docs/PERFORMANCE.md has what H2's default would lose).
 * H2 does not fsync a commit, so a power cut can still lose the last ones the OS had not written.
 *
 * <p>Thread-safe: connections come from a pool; each caller uses its own.
 */
public final class StationDatabase implements AutoCloseable {

    private static final String SUFFIX = ".mv.db";

    static {
        // H2 shares every value it reads through one global cache, interning strings: it halved the speed of
        // reading a large batch back (a 100,000-device CSV report took 2.1 s with it, 1.1 s without;
        // docs/PERFORMANCE.md, "Batch reports"). Read by H2 once, when its first class loads, so set here.
        if (System.getProperty("h2.objectCache") == null) {
            System.setProperty("h2.objectCache", "false");
        }
    }

    private final Path file;
    private final JdbcConnectionPool pool;
    private GroupCommit groupCommit;

    private StationDatabase(Path file, JdbcConnectionPool pool) {
        this.file = file;
        this.pool = pool;
    }

    /**
     * Rewrites the live pages of sparse chunks into new ones, so the space of the old chunks is reused
     * once H2's retention time has passed; returns whether anything was rewritten. With
     * {@code WRITE_DELAY=0} H2 has no background writer and never does this itself: the file grew by
     * every commit's chunk without bound (docs/PERFORMANCE.md, "H2 durability"). Bounded by {@code
     * writeBytes} per call, so the group commit's writer can run it between groups. One compacting
     * thread only: two at once rewrote the same chunks and left a file larger than none at all.
     */
    public boolean compactSome(int targetFillPercent, int writeBytes) throws StoreException {
        try (Connection c = pool.getConnection()) {
            org.h2.mvstore.MVStore store = mvStore(c);
            boolean rewritten = store.compact(targetFillPercent, writeBytes);
            if (rewritten) {
                store.commit();
            }
            return rewritten;
        } catch (SQLException | RuntimeException e) {
            throw failure("compact", file.resolveSibling(file.getFileName() + SUFFIX), e);
        }
    }

    /** The store under a connection of this database: H2's SQL has no online compaction nor a bare fsync. */
    static org.h2.mvstore.MVStore mvStore(Connection c) throws SQLException {
        return ((org.h2.engine.SessionLocal) c.unwrap(org.h2.jdbc.JdbcConnection.class).getSession()).getDatabase().getStore().getMvStore();
    }

    /** The engine's way to commit: transactions of many slots share durable commits. Made on first use. */
    public GroupCommit groupCommit() {
        synchronized (this) {
            if (groupCommit == null) {
                groupCommit = new GroupCommit(this);
            }
            return groupCommit;
        }
    }

    /**
     * Opens (creating if needed) {@code <base>.mv.db} and migrates it to the current schema. Refuses a
     * file another station has open, a directory it cannot write, and a disk too full to create the file,
     * leaving nothing behind in the last two cases.
     */
    public static StationDatabase open(Path base) throws StoreException {
        Path absolute = base.toAbsolutePath().normalize();
        Path mvFile = absolute.resolveSibling(absolute.getFileName() + SUFFIX);
        Path dir = absolute.getParent();
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new StoreException("cannot create the batch log " + mvFile + ": " + e.getFile()
                    + " is in the way and is not a directory", e);
        } catch (IOException e) {
            throw new StoreException("cannot create the directory of the batch log " + mvFile + ": "
                    + e.getMessage(), e);
        }
        // H2 would open an unwritable file read-only without a word and fail at the first provisioned
        // board; say it now, while nothing has happened.
        if (!Files.isWritable(dir) || Files.exists(mvFile) && !Files.isWritable(mvFile)) {
            throw new StoreException("cannot write the batch log " + mvFile
                    + ": the file or its directory is read-only (read-only file system or no permission)");
        }
        if (!Files.exists(mvFile)) {
            create(absolute, mvFile);
        }
        JdbcConnectionPool pool = pool(absolute, "");
        try {
            migrate(pool);
        } catch (RuntimeException e) {
            pool.dispose();
            throw failure("open", mvFile, e);
        }
        return new StationDatabase(base, pool);
    }

    /**
     * Makes a new, fully migrated batch log under a temporary name and renames it into place. H2 commits
     * each DDL statement of a migration on its own, so a full disk or a kill during the first migration
     * would otherwise leave a half-made file that every later open refuses ("table already exists").
     */
    private static void create(Path absolute, Path mvFile) throws StoreException {
        Path tmpBase = absolute.resolveSibling(absolute.getFileName() + ".creating-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
        Path tmpFile = tmpBase.resolveSibling(tmpBase.getFileName() + SUFFIX);
        // No H2 trace file: it would be left behind (H2 writes it again at JVM exit), and the StoreException
        // carries the error anyway.
        JdbcConnectionPool pool = pool(tmpBase, ";TRACE_LEVEL_FILE=0");
        try {
            migrate(pool);
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        } catch (RuntimeException | SQLException e) {
            pool.dispose();
            deleteQuietly(tmpBase);
            throw failure("create", mvFile, e);
        }
        pool.dispose();
        try {
            Files.move(tmpFile, mvFile);
        } catch (FileAlreadyExistsException e) {
            // Another station made it in the meantime: use theirs, as if it had been there all along.
        } catch (IOException e) {
            deleteQuietly(tmpBase);
            throw new StoreException("cannot create the batch log " + mvFile + ": " + e.getMessage(), e);
        }
        deleteQuietly(tmpBase);
        syncDirectory(mvFile.getParent());
    }

    private static JdbcConnectionPool pool(Path base, String moreSettings) {
        // WRITE_DELAY=0: a returned commit is in the file, not in H2's write buffer (default 500 ms),
        // which a kill -9 loses (docs/PERFORMANCE.md, "H2 durability").
        // MAX_COMPACT_TIME=0: no chunk moving when the database closes. In H2 2.3.232 it breaks its own
        // invariant (the AssertionError in RandomAccessStore.moveChunkInside on every close of a new
        // batch log, under -ea) and such closes left files that no longer opened ("Double mark", H2
        // issues #4123, #4247). Without it the file is never compacted; WRITE_DELAY=0 already stops
        // H2's background compaction, so this gives up little.
        String url = "jdbc:h2:file:" + base + ";WRITE_DELAY=0;MAX_COMPACT_TIME=0;DB_CLOSE_ON_EXIT=FALSE"
                + ";LOCK_TIMEOUT=10000"
                // The engine uses a few dozen statements; H2's default cache of 8 per session made it
                // parse most of them again on every use (a third of the batch log writer's time).
                + ";QUERY_CACHE_SIZE=128"
                // H2's page cache is 16 MiB whatever the heap. A batch report reads the batch's rows and
                // indexes while the audit check reads the whole trail, and with 16 MiB they evicted each
                // other's pages: 64 MiB took a 100,000-device CSV report from 1.7 to 1.4 s (PERFORMANCE.md).
                + ";CACHE_SIZE=65536"
                // H2 keeps a dead chunk 45 s before reusing its space, in case the disk has not yet written
                // the chunks that replaced it. The group commit fsyncs every commit, so they are on the disk
                // by then; 5 s keeps a margin and bounds the file: at 100 commits/s the default 45 s held
                // over 100 MiB of dead chunks and the file still grew after two minutes.
                + ";RETENTION_TIME=5000" + moreSettings;
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "imprint", "");
        pool.setMaxConnections(32);
        return pool;
    }

    private static void migrate(JdbcConnectionPool pool) {
        MigrationRepair.repair(pool);
        // Out of order: V3 (accounts) landed on a branch beside V5, so a batch log made by the first V5's
        // code has V5 and not V3. Each migration stands alone, so applying V3 later is what it needs.
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").outOfOrder(true).load().migrate();
    }

    /** Makes the rename itself survive a power cut, so the station cannot come back to no file at all. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a directory; the rename is done all the same.
        }
    }

    private static void deleteQuietly(Path tmpBase) {
        try {
            Files.deleteIfExists(tmpBase.resolveSibling(tmpBase.getFileName() + SUFFIX));
        } catch (IOException e) {
            // A leftover temporary file is harmless: its name is never opened again.
        }
    }

    private static StoreException failure(String doing, Path mvFile, Exception e) {
        if (errorCode(e) == ErrorCode.DATABASE_ALREADY_OPEN_1) {
            return new StoreException(mvFile + " is in use by another Imprint station (another process has it"
                    + " open); stop that station first", e);
        }
        return new StoreException("cannot " + doing + " the batch log " + mvFile + ": " + rootMessage(e), e);
    }

    /** H2's error code from wherever Flyway or the pool wrapped it; 0 if there is none. */
    private static int errorCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() != 0) {
                return sql.getErrorCode();
            }
        }
        return 0;
    }

    public Path file() {
        return file;
    }

    public Connection connection() throws StoreException {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw new StoreException("batch log " + file + " unavailable: " + e.getMessage(), e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (groupCommit != null) {
                groupCommit.close();
            }
        }
        pool.dispose();
    }
}
