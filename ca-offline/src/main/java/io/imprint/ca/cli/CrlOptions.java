package io.imprint.ca.cli;

import io.imprint.ca.ceremony.CaDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * What every command that signs a CRL takes ({@code imprint ca crl}, the station's {@code imprint crl}):
 * when the next one is due, and where else to put it. Not thread-safe: picocli fills one per command line.
 */
public final class CrlOptions {

    @Option(names = "--next-update", defaultValue = "P7D", paramLabel = "DURATION", description = "When the next CRL is due (ISO-8601, default ${DEFAULT-VALUE})")
    Duration nextUpdate;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the CRL here")
    Path out;

    public Duration nextUpdate() {
        return nextUpdate;
    }

    /** Writes the copy --out asks for; returns how to name where the CRL went, after {@code main}. */
    public String writeCopy(String crl, Path main) throws IOException {
        if (out == null) {
            return main.toString();
        }
        CaDirectory.writeAtomically(out, crl);
        return main + " and " + out;
    }
}
