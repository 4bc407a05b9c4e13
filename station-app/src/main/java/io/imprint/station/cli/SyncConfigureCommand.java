package io.imprint.station.cli;

import io.imprint.station.run.StationSettings;
import io.imprint.station.run.StationSetup;
import io.imprint.station.sync.online.Registries;
import io.imprint.station.sync.online.SyncSettings;
import io.imprint.station.sync.online.SyncTarget;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code imprint sync configure}: the running station's background sync, in the station settings (audited).
 *
 * <p>Not thread-safe: picocli makes one instance per command line.
 */
@Command(name = "configure", mixinStandardHelpOptions = true,
        description = {"Make the running station sync to a target in the background (or stop with --off).",
                "The settings say where the credentials are, never what they are."})
final class SyncConfigureCommand implements Callable<Integer> {

    @Mixin
    StationOptions options;

    @Mixin
    SyncCommand.RegistryOptions registry;

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
