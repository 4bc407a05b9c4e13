package io.imprint.station.cli;

import io.imprint.ca.cli.DataDirs;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.Transactions;
import io.imprint.station.sync.online.SyncCounts;
import io.imprint.station.sync.online.SyncStore;
import io.imprint.station.sync.online.SyncTarget;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code imprint sync status}: no HSM, no network.
 *
 * <p>Not thread-safe: picocli makes one instance per command line.
 */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Where each target stands: pending, synced, failed, in conflict, skipped; and what needs a person.")
final class SyncStatusCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Station data (default ${DEFAULT-VALUE})")
    Path dataDir = DataDirs.home();

    @Option(names = "--batch", paramLabel = "WORK-ORDER", description = "Only this batch (default: all)")
    String batch;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        boolean attention = false;
        try (StationDatabase db = StationDatabase.open(dataDir.resolve("station"))) {
            for (SyncTarget t : SyncTarget.values()) {
                SyncCounts c = counts(db, t, Optional.ofNullable(batch));
                out.println(line(c));
                for (String p : Transactions.inTransaction(db, tx -> new SyncStore().problems(tx, t, 20))) {
                    out.println("  " + p);
                }
                attention |= c.attention() > 0;
            }
        }
        out.flush();
        return attention ? SyncCommand.ATTENTION : 0;
    }

    static SyncCounts counts(StationDatabase db, SyncTarget t, Optional<String> batch) throws Exception {
        return Transactions.inTransaction(db, tx -> new SyncStore().counts(tx, t, batch));
    }

    static String line(SyncCounts c) {
        return "%s: %d pending, %d synced, %d failed, %d in conflict, %d skipped".formatted(c.target().id(), c.pending(), c.synced(), c.failed(),
                c.conflict(), c.skipped());
    }
}
