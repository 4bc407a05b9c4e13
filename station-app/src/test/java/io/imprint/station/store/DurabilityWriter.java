package io.imprint.station.store;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/**
 * Child process of the durability test and measurement: opens the station database at {@code args[0]}
 * and commits rows {@code next, next+1, ...} (see {@link DurabilityRows}), one transaction each,
 * forever. It prints {@code START <next>} once the database is open, then {@code ACK <n>} only after
 * the commit of n returned, so every ACK the parent reads is a commit the station acknowledged.
 *
 * <p>{@code args[1]}, if given, is a write delay in milliseconds set with SQL after opening: the
 * measurement uses it to put H2's default (500) back and count what that loses. The URL's
 * {@code WRITE_DELAY=0} wins again at the next open, so it cannot leak into the station.
 *
 * <p>Not thread-safe: one thread, one process.
 */
public final class DurabilityWriter {

    private DurabilityWriter() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        try (StationDatabase db = StationDatabase.open(Path.of(args[0])); Connection c = db.connection()) {
            if (args.length > 1) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET WRITE_DELAY " + Integer.parseInt(args[1]));
                }
            }
            long n = DurabilityRows.next(c);
            out.println("START " + n);
            out.flush();
            c.setAutoCommit(false);
            while (true) {
                DurabilityRows.insert(c, n);
                c.commit();
                // Only now is n acknowledged; the parent may SIGKILL us at any instant after this.
                out.println("ACK " + n);
                out.flush();
                n++;
            }
        }
    }
}
