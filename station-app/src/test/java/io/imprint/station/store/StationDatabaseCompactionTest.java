package io.imprint.station.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.SplittableRandom;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code WRITE_DELAY=0} every commit writes a chunk and H2 never compacts by itself: under updates
 * of old rows the file grows without bound. Compacting between commits keeps it near its live data.
 */
class StationDatabaseCompactionTest {

    private static final int COMMITS = 5000;

    @TempDir
    Path dir;

    @Test
    void compactingBetweenCommitsKeepsTheFileBoundedWhereWithoutItItKeepsGrowing() throws Exception {
        long[] without = run(dir.resolve("plain"), false);
        long[] with = run(dir.resolve("compacted"), true);

        System.out.printf("compaction test: without %s, with %s (bytes half-way and at the end)%n", java.util.Arrays.toString(without), java.util.Arrays.toString(with));
        assertThat(without[1] - without[0]).as("growth over the second half without compaction").isGreaterThan(8L << 20);
        assertThat(with[1]).as("final size with compaction").isLessThan(without[1] / 2);
        assertThat(with[1] - with[0]).as("growth over the second half with compaction").isLessThan((without[1] - without[0]) / 3);
    }

    /** The file's size half-way and at the end of {@link #COMMITS} commits that add a row and rewrite an old one. */
    private static long[] run(Path base, boolean compact) throws Exception {
        long[] sizes = new long[2];
        try (StationDatabase db = StationDatabase.open(base)) {
            // H2 keeps dead chunks 45 s before reusing their space; a test cannot wait that long.
            try (Connection c = db.connection()) {
                ((SessionLocal) c.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore().getMvStore().setRetentionTime(0);
            }
            String row = "x".repeat(1000);
            SplittableRandom random = new SplittableRandom(7);
            for (int i = 1; i <= COMMITS; i++) {
                int n = i;
                int old = 1 + random.nextInt(n);
                // Plain transactions: the group commit's writer compacts on its own clock, which would race
                // with this test's compactions and blur the comparison.
                Transactions.<Void, RuntimeException>inTransaction(db, tx -> {
                    Sql.update(tx, "INSERT INTO station_settings (setting_name, setting_value) VALUES (?, ?)", "k" + n, row);
                    Sql.update(tx, "UPDATE station_settings SET setting_value = ? WHERE setting_name = ?", row + n, "k" + old);
                    return null;
                });
                if (compact && i % 100 == 0) {
                    db.compactSome(80, 4 << 20);
                }
                if (i == COMMITS / 2) {
                    sizes[0] = Files.size(mvFile(base));
                }
            }
            sizes[1] = Files.size(mvFile(base));
        }
        return sizes;
    }

    private static Path mvFile(Path base) {
        return base.resolveSibling(base.getFileName() + ".mv.db");
    }
}
