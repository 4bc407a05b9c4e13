package io.imprint.station.cli;

import io.imprint.station.run.StationSetup;
import io.imprint.station.sync.online.Reconcile;
import io.imprint.station.sync.online.Registry;
import io.imprint.station.sync.online.RegistryException;
import io.imprint.station.sync.online.SyncRunner;
import io.imprint.station.sync.online.SyncTarget;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code imprint sync reconcile}: the registry against the log.
 *
 * <p>Not thread-safe: picocli makes one instance per command line.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {"Compare a registry with the batch log: missing, extra, certificate mismatch, revoked but active.",
                "--fix repairs what the station owns (queues a missing board again and sends it, revokes a revoked certificate); it never deletes."})
final class SyncReconcileCommand implements Callable<Integer> {

    @Mixin
    StationOptions options;

    @Mixin
    SyncCommand.RegistryOptions registry;

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
                SyncRunner.Outcome o = SyncCommand.runner(st, r, rate, options.user, Optional.ofNullable(batch)).drain(Optional.of(Duration.ofMinutes(2)));
                out.printf("sent again: %d synced, %d in conflict, %d refused%n", o.synced(), o.conflicts(), o.failed());
            }
            long open = findings.stream().filter(f -> !f.fixed()).count();
            out.printf("reconcile of %s: %d difference(s), %d fixed, %d left%n", t.id(), findings.size(), findings.size() - open, open);
            out.flush();
            return open > 0 ? SyncCommand.ATTENTION : 0;
        } catch (RegistryException e) {
            return SyncCommand.registryFailed(spec, e);
        }
    }
}
