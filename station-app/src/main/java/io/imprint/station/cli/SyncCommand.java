package io.imprint.station.cli;

import io.imprint.ca.cli.CliErrors;
import io.imprint.station.run.StationSetup;
import io.imprint.station.sync.online.Backoff;
import io.imprint.station.sync.online.CaChain;
import io.imprint.station.sync.online.Registries;
import io.imprint.station.sync.online.Registry;
import io.imprint.station.sync.online.RegistryException;
import io.imprint.station.sync.online.SyncClock;
import io.imprint.station.sync.online.SyncCounts;
import io.imprint.station.sync.online.SyncRunner;
import io.imprint.station.sync.online.SyncTarget;
import io.imprint.station.sync.online.TokenBucket;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
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
@Command(name = "sync", mixinStandardHelpOptions = true, subcommands = {SyncStatusCommand.class, SyncReconcileCommand.class, SyncConfigureCommand.class},
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
            SyncRunner.Outcome o = runner(st, r, rate, options.user, Optional.ofNullable(batch)).drain(Optional.of(Duration.ofSeconds(giveUpAfter)));
            SyncCounts c = SyncStatusCommand.counts(st.station().db(), t, Optional.ofNullable(batch));
            out.printf("sync to %s: %d synced now (%d already there), %d in conflict, %d refused, %d skipped (claim boards)%n",
                    t.id(), o.synced(), o.alreadyThere(), o.conflicts(), o.failed(), o.skipped());
            out.println(SyncStatusCommand.line(c));
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

    /** A runner on the wall clock for a command line: the station's log and audit trail, its CA chain, the given rate. */
    static SyncRunner runner(StationSetup st, Registry r, double rate, String user, Optional<String> batch) throws Exception {
        SyncClock clock = SyncClock.system();
        return new SyncRunner(st.station().db(), st.station().audit(), r, CaChain.pems(st.caDirectory().loadChain()), clock,
                new TokenBucket(clock, rate, 1), Backoff.standard(), user, batch);
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

}
