package io.imprint.station.sync.online;

import io.imprint.station.sync.aws.AwsIotRegistry;
import io.imprint.station.sync.azure.AzureDpsRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Opens the registry of a target from where its credentials usually live (never the batch log): AWS from
 * the SDK's default chains (environment, profile, instance role), Azure DPS from a connection-string file
 * or {@value AzureDpsRegistry#CONNECTION_STRING_ENV}.
 *
 * <p>Thread-safe: stateless.
 */
public final class Registries {

    /**
     * Where to reach a target: an endpoint other than the cloud's own (a VPC endpoint, a test's stand-in),
     * the AWS region, the file holding the DPS connection string.
     */
    public record Options(Optional<URI> endpoint, Optional<String> region, Optional<Path> connectionStringFile) {
        public static Options defaults() {
            return new Options(Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    private static final int AWS_IN_FLIGHT = 10;

    private Registries() {
    }

    public static Registry open(SyncTarget target, Options options) throws RegistryException {
        return switch (target) {
            case AZURE -> AzureDpsRegistry.fromEnvironment(options.connectionStringFile(), options.endpoint(), Clock.systemUTC());
            // Five or six calls a board: several boards in flight, or AWS's latency caps the rate below the quota.
            case AWS -> new ParallelRegistry(AwsIotRegistry.fromEnvironment(options.endpoint(), options.region()), AWS_IN_FLIGHT);
        };
    }
}
