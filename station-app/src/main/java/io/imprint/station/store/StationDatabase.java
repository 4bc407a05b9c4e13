package io.imprint.station.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The station's batch log: one embedded H2 file, its schema made by the Flyway migrations in
 * {@code db/migration}. Commits are durable once they return: the MVStore writes a commit to the file
 * before the commit call returns ({@code WRITE_DELAY=0}), so a kill -9 of the station loses nothing it
 * acknowledged (StationDatabaseDurabilityTest shows it).
 *
 * <p>Thread-safe: connections come from a pool; each caller uses its own.
 */
public final class StationDatabase implements AutoCloseable {

    private final Path file;
    private final JdbcConnectionPool pool;

    private StationDatabase(Path file, JdbcConnectionPool pool) {
        this.file = file;
        this.pool = pool;
    }

    /** Opens (creating if needed) {@code <base>.mv.db} and migrates it to the current schema. */
    public static StationDatabase open(Path base) throws StoreException {
        try {
            Files.createDirectories(base.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create the directory of " + base + ": " + e.getMessage(), e);
        }
        // WRITE_DELAY=0: a returned commit is in the file, not in H2's write buffer (default 500 ms).
        String url = "jdbc:h2:file:" + base.toAbsolutePath() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "imprint", "");
        pool.setMaxConnections(32);
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            pool.dispose();
            throw new StoreException("cannot open the batch log " + base + ".mv.db: " + rootMessage(e), e);
        }
        return new StationDatabase(base, pool);
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
        pool.dispose();
    }
}
