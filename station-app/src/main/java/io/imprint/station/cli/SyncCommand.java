package io.imprint.station.cli;

import io.imprint.ca.cli.CliErrors;
import io.imprint.ca.cli.DataDirs;
import io.imprint.station.run.StationSettings;
import io.imprint.station.run.StationSetup;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.Transactions;
import io.imprint.station.sync.online.Backoff;
import io.imprint.station.sync.online.CaChain;
import io.imprint.station.sync.online.Reconcile;
import io.imprint.station.sync.online.Registries;
import io.imprint.station.sync.online.Registry;
import io.imprint.station.sync.online.RegistryException;
import io.imprint.station.sync.online.SyncClock;
import io.imprint.station.sync.online.SyncCounts;
import io.imprint.station.sync.online.SyncRunner;
import io.imprint.station.sync.online.SyncSettings;
import io.imprint.station.sync.online.SyncStore;
import io.imprint.station.sync.online.SyncTarget;
import io.imprint.station.sync.online.TokenBucket;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code imprint sync}: the outbox to a cloud registry now (store-and-forward, exactly once per board and
 * target); {@code sync status} counts where each target stands; {@code sync reconcile} compares a registry
 * with the log. Exit 0 all delivered (or no difference), 4 entries need a person or are still pending
 * (refused, in conflict, the registry unreachable, differences found), 3 credentials refused, 1 error, 2 usage.
 *
 * <p>Not thread-safe: picocli makes one instance per command line.
 */
@Command(name = "sync", mixinStandardHelpOptions = true, subcommands = {SyncCommand.Status.class, SyncCommand.ReconcileCommand.class, SyncCommand.Configure.class},
        description = {"Send the batch log's outbox to a cloud registry: every provisioned board registered, every revoked certificate revoked,",
                "each exactly once. Credentials come from the cloud's usual places (AWS: environment, profile; Azure: a connection-string file",
                "or IMPRINT_AZURE_DPS_CONNECTION_STRING), never from the batch log. The station must not be running (one process opens the log)."})
final class SyncCommand implements Callable<Integer> {

    static final int ATTENTION = 4;

    @Mixin
    StationOptions options;

    @Mixin
    RegistryOptions registry;

    @Option(names = "--batch", paramLabel = "WORK-ORDER", description = "Only this batch's entries (default: all)")
    String batch;

    @Option(names = "--rate", defaultValue = "10", paramLabel = "PER-SECOND",
            description = "Boards a second at most (default ${DEFAULT-VALUE}: AWS IoT's RegisterThing quota)")
    double rate;

    @Option(names = "--give-up-after", defaultValue = "120", paramLabel = "SECONDS",
            description = "Stop when the registry keeps failing this long in a row; what is left stays pending (default ${DEFAULT-VALUE})")
    long giveUpAfter;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SyncTarget t = registry.target(spec);
        if (!(rate > 0) || rate > 10_000) {
            throw new ParameterException(spec.commandLine(), "--rate must be more than 0 and at most 10000 boards a second, not " + rate);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (StationSetup st = options.open(spec.commandLine().getErr()); Registry r = registry.open(t)) {
            SyncClock clock = SyncClock.system();
            SyncRunner runner = new SyncRunner(st.station().db(), st.station().audit(), r, CaChain.pems(st.caDirectory().loadChain()), clock,
                    new TokenBucket(clock, rate, 1), Backoff.standard(), options.user, Optional.ofNullable(batch));
            SyncRunner.Outcome o = runner.drain(Optional.of(Duration.ofSeconds(giveUpAfter)));
            SyncCounts c = Status.counts(st.station().db(), t, Optional.ofNullable(batch));
            out.printf("sync to %s: %d synced now (%d already there), %d in conflict, %d refused, %d skipped (claim boards)%n",
                    t.id(), o.synced(), o.alreadyThere(), o.conflicts(), o.failed(), o.skipped());
            out.println(Status.line(c));
            out.flush();
            if (o.stopped().isPresent()) {
                boolean refused = o.stopped().get().contains("refused the station's credentials");
                return CliErrors.print(spec.commandLine(), null, (refused ? "refused: " : "stopped: ") + o.stopped().get()
                        + (refused ? "" : "; run imprint sync again later"), refused ? CliErrors.REFUSED : ATTENTION);
            }
            return c.attention() > 0 || c.pending() > 0 ? ATTENTION : 0;
        } catch (RegistryException e) {
            return registryFailed(spec, e);
        }
    }

    /** Refused credentials exit 3; a registry that did not answer leaves the work for later (4). */
    static int registryFailed(CommandSpec spec, RegistryException e) {
        return e.kind() == RegistryException.Kind.UNAUTHORISED ? CliErrors.print(spec.commandLine(), e, "refused: " + e.getMessage(), CliErrors.REFUSED)
                : CliErrors.print(spec.commandLine(), e, "stopped: " + e.getMessage() + "; try again later", ATTENTION);
    }

    /** Which registry and how to reach it; shared by {@code sync} and {@code sync reconcile}. */
    static final class RegistryOptions {
        // Not picocli-required: it would be required of `sync status` too.
        @Option(names = "--target", paramLabel = "aws|azure", description = "aws: AWS IoT Core; azure: Azure IoT Hub DPS")
        String target;

        @Option(names = "--endpoint", paramLabel = "URL", description = "Another endpoint than the cloud's own (a VPC endpoint; a test's stand-in)")
        URI endpoint;

        @Option(names = "--region", paramLabel = "REGION", description = "AWS region (default: the SDK's, e.g. AWS_REGION or the profile's)")
        String region;

        @Option(names = "--connection-string-file", paramLabel = "FILE",
                description = "Azure: a file holding the DPS shared access policy's connection string (default: IMPRINT_AZURE_DPS_CONNECTION_STRING)")
        Path connectionStringFile;

        SyncTarget target(CommandSpec spec) {
            if (target == null) {
                throw new ParameterException(spec.commandLine(), "say --target aws or --target azure (or: imprint sync status)");
            }
            return SyncTarget.named(target).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "--target must be one of " + Arrays.stream(SyncTarget.values()).map(SyncTarget::id).toList() + ", not '" + target + "'"));
        }

        Registry open(SyncTarget t) throws RegistryException {
            return Registries.open(t, new Registries.Options(Optional.ofNullable(endpoint), Optional.ofNullable(region), Optional.ofNullable(connectionStringFile)));
        }
    }

    /** {@code imprint sync status}: no HSM, no network. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Where each target stands: pending, synced, failed, in conflict, skipped; and what needs a person.")
    static final class Status implements Callable<Integer> {

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
            return attention ? ATTENTION : 0;
        }

        static SyncCounts counts(StationDatabase db, SyncTarget t, Optional<String> batch) throws Exception {
            return Transactions.inTransaction(db, tx -> new SyncStore().counts(tx, t, batch));
        }

        static String line(SyncCounts c) {
            return "%s: %d pending, %d synced, %d failed, %d in conflict, %d skipped".formatted(c.target().id(), c.pending(), c.synced(), c.failed(),
                    c.conflict(), c.skipped());
        }
    }

    /** {@code imprint sync reconcile}: the registry against the log. */
    @Command(name = "reconcile", mixinStandardHelpOptions = true,
            description = {"Compare a registry with the batch log: missing, extra, certificate mismatch, revoked but active.",
                    "--fix repairs what the station owns (queues a missing board again and sends it, revokes a revoked certificate); it never deletes."})
    static final class ReconcileCommand implements Callable<Integer> {

        @Mixin
        StationOptions options;

        @Mixin
        RegistryOptions registry;

        @Option(names = "--batch", paramLabel = "WORK-ORDER", description = "Only this batch's boards (default: all)")
        String batch;

        @Option(names = "--fix", description = "Repair what the station owns")
        boolean fix;

        @Option(names = "--rate", defaultValue = "10", paramLabel = "PER-SECOND", description = "For the boards --fix sends again (default ${DEFAULT-VALUE})")
        double rate;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            SyncTarget t = registry.target(spec);
            PrintWriter out = spec.commandLine().getOut();
            try (StationSetup st = options.open(spec.commandLine().getErr()); Registry r = registry.open(t)) {
                List<Reconcile.Finding> findings = new Reconcile(st.station().db()).run(r, Optional.ofNullable(batch), fix);
                for (Reconcile.Finding f : findings) {
                    out.printf("%-18s %s: %s%n", f.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), f.deviceId(), f.detail());
                }
                if (fix && findings.stream().anyMatch(f -> f.fixed() && f.kind() == Reconcile.Kind.MISSING)) {
                    SyncClock clock = SyncClock.system();
                    SyncRunner.Outcome o = new SyncRunner(st.station().db(), st.station().audit(), r, CaChain.pems(st.caDirectory().loadChain()), clock,
                            new TokenBucket(clock, rate, 1), Backoff.standard(), options.user, Optional.ofNullable(batch)).drain(Optional.of(Duration.ofMinutes(2)));
                    out.printf("sent again: %d synced, %d in conflict, %d refused%n", o.synced(), o.conflicts(), o.failed());
                }
                long open = findings.stream().filter(f -> !f.fixed()).count();
                out.printf("reconcile of %s: %d difference(s), %d fixed, %d left%n", t.id(), findings.size(), findings.size() - open, open);
                out.flush();
                return open > 0 ? ATTENTION : 0;
            } catch (RegistryException e) {
                return registryFailed(spec, e);
            }
        }
    }

    /** {@code imprint sync configure}: the running station's background sync, in the station settings (audited). */
    @Command(name = "configure", mixinStandardHelpOptions = true,
            description = {"Make the running station sync to a target in the background (or stop with --off).",
                    "The settings say where the credentials are, never what they are."})
    static final class Configure implements Callable<Integer> {

        @Mixin
        StationOptions options;

        @Mixin
        RegistryOptions registry;

        @Option(names = "--rate", defaultValue = "10", paramLabel = "PER-SECOND", description = "Boards a second at most (default ${DEFAULT-VALUE})")
        double rate;

        @Option(names = "--off", description = "Stop syncing to the target in the background")
        boolean off;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            SyncTarget t = registry.target(spec);
            SyncSettings.Target target;
            try {
                target = new SyncSettings.Target(t, rate, new Registries.Options(Optional.ofNullable(registry.endpoint), Optional.ofNullable(registry.region),
                        Optional.ofNullable(registry.connectionStringFile).map(p -> p.toAbsolutePath().normalize())));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            try (StationSetup st = options.open(spec.commandLine().getErr())) {
                StationSettings settings = new StationSettings(st.station().db(), st.station().audit());
                if (off) {
                    settings.put(SyncSettings.key(t, "enabled"), Optional.empty(), options.user);
                    spec.commandLine().getOut().printf("the station no longer syncs to %s in the background%n", t.id());
                } else {
                    for (var e : SyncSettings.of(target).entrySet()) {
                        settings.put(e.getKey(), e.getValue(), options.user);
                    }
                    spec.commandLine().getOut().printf("the station syncs to %s in the background from its next start, at most %s boards a second%n",
                            t.id(), rate);
                }
                return 0;
            }
        }
    }
}
