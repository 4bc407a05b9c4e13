package io.imprint.station.cli;

import picocli.CommandLine.Option;

/**
 * Options every station command shares: which station ({@link StationAccess}) and who is acting.
 *
 * <p>Not thread-safe: picocli fills one instance per command line.
 */
final class StationOptions extends StationAccess {

    @Option(names = "--user", paramLabel = "NAME", description = "Who is acting, for the audit trail (default: ${DEFAULT-VALUE})")
    String user = System.getProperty("user.name");
}
