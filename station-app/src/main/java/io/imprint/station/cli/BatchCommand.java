package io.imprint.station.cli;

import io.imprint.station.batch.Batch;
import io.imprint.station.batch.Batches;
import io.imprint.station.batch.Strategy;
import io.imprint.station.run.StationSetup;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code imprint batch create|open|pause|close|list|reprovision}: the supervisor's batch controls. */
@Command(name = "batch", mixinStandardHelpOptions = true, description = "Create, open, pause, close and list batches.",
        subcommands = {BatchCommand.Create.class, BatchCommand.Open.class, BatchCommand.Pause.class, BatchCommand.Close.class,
                BatchCommand.ListBatches.class, BatchCommand.Reprovision.class})
final class BatchCommand {

    /** One of the batch transitions of {@link Batches}. */
    @FunctionalInterface
    interface Transition {
        Batch apply(Batches batches, String id, String supervisor) throws Exception;
    }

    static int move(StationOptions options, CommandSpec spec, String id, Transition transition, String state) throws Exception {
        try (StationSetup st = options.open(spec.commandLine().getErr())) {
            transition.apply(st.batches(), id, options.user);
            spec.commandLine().getOut().println("batch " + id + " is " + state);
        }
        return 0;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a batch (a work order) in status CREATED.")
    static final class Create implements Callable<Integer> {
        @Mixin StationOptions options;
        @Spec CommandSpec spec;
        @Option(names = "--id", required = true, description = "Work order number") String id;
        @Option(names = "--product", required = true) String product;
        @Option(names = "--role", required = true, description = "Functional role of every board") String role;
        @Option(names = "--quantity", required = true, description = "Boards in the batch; also its issuance quota") int quantity;
        @Option(names = "--strategy", defaultValue = "key-on-board", description = "key-on-board, key-injected, claim or bootstrap (default ${DEFAULT-VALUE})") String strategy;
        @Option(names = "--profile", description = "CA profile (default: device, or bootstrap for the bootstrap strategy)") String profile;
        @Option(names = "--thing-group") String thingGroup;
        @Option(names = "--policy") String policy;
        @Option(names = "--thing-type") String thingType;
        @Option(names = "--attribute", description = "Custom cloud attribute NAME=VALUE (repeatable)") Map<String, String> attributes = new LinkedHashMap<>();

        @Override
        public Integer call() throws Exception {
            if (quantity <= 0) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--quantity must be at least 1");
            }
            Strategy s = Strategy.parse(strategy);
            String p = profile != null ? profile : s == Strategy.BOOTSTRAP ? "bootstrap" : "device";
            var cloud = new Batch.CloudAttributes(Optional.ofNullable(thingGroup), Optional.ofNullable(policy), Optional.ofNullable(thingType), attributes);
            try (StationSetup st = options.open(spec.commandLine().getErr())) {
                Batch b = st.batches().create(new Batch(id, product, role, quantity, s, p, null, cloud, null, null), options.user);
                spec.commandLine().getOut().println("created batch " + b.id() + ": " + b.quantity() + " x " + b.product() + " (" + b.role() + "), "
                        + b.strategy() + ", profile " + b.profile() + "; open it with 'imprint batch open " + b.id() + "'");
            }
            return 0;
        }
    }

    @Command(name = "open", mixinStandardHelpOptions = true, description = "Open a batch for provisioning.")
    static final class Open implements Callable<Integer> {
        @Mixin StationOptions options;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "BATCH") String id;

        @Override
        public Integer call() throws Exception {
            return move(options, spec, id, Batches::open, "open");
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause a batch: boards are refused until it is opened again.")
    static final class Pause implements Callable<Integer> {
        @Mixin StationOptions options;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "BATCH") String id;

        @Override
        public Integer call() throws Exception {
            return move(options, spec, id, Batches::pause, "paused");
        }
    }

    @Command(name = "close", mixinStandardHelpOptions = true,
            description = "Close a batch for good: it issues nothing more; certificates no board acknowledged are revoked; the audit chain is signed.")
    static final class Close implements Callable<Integer> {
        @Mixin StationOptions options;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "BATCH") String id;

        @Override
        public Integer call() throws Exception {
            return move(options, spec, id, Batches::close, "closed");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List batches with their progress.")
    static final class ListBatches implements Callable<Integer> {
        @Mixin StationOptions options;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (StationSetup st = options.open(spec.commandLine().getErr())) {
                out.printf("%-16s %-8s %-13s %-10s %8s  %s%n", "BATCH", "STATUS", "STRATEGY", "PROFILE", "DONE", "PRODUCT / ROLE");
                for (var p : st.batches().progress()) {
                    Batch b = p.batch();
                    out.printf("%-16s %-8s %-13s %-10s %4d/%-3d  %s / %s%n", b.id(), b.status(), b.strategy(), b.profile(), p.provisioned(), b.quantity(), b.product(), b.role());
                }
            }
            return 0;
        }
    }

    @Command(name = "reprovision", mixinStandardHelpOptions = true,
            description = "Authorise re-provisioning a device: its next provisioning revokes its current certificate.")
    static final class Reprovision implements Callable<Integer> {
        @Mixin StationOptions options;
        @Spec CommandSpec spec;
        @Option(names = "--device", required = true) String device;

        @Override
        public Integer call() throws Exception {
            try (StationSetup st = options.open(spec.commandLine().getErr())) {
                st.batches().authoriseReprovisioning(device, options.user);
                spec.commandLine().getOut().println("device " + device + " may be provisioned again (authorised by " + options.user + ")");
            }
            return 0;
        }
    }
}
