package io.imprint.ca.cli;

import io.imprint.ca.ceremony.CaDirectory;
import io.imprint.ca.ceremony.KeyCeremony;
import io.imprint.ca.key.KeyManager;
import io.imprint.ca.key.KeyManagers;
import io.imprint.ca.key.KeyUri;
import io.imprint.ca.profile.CaConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The demo CA of {@code imprint ca demo} and {@code imprint station --demo}: a SoftHSM token of its own
 * under {@code dir} with the root and issuing keys, the chain in {@code dir/ca}. Made on first use,
 * reused afterwards. Not thread-safe; SoftHSM's configuration is set for the whole process.
 */
public final class DemoCa {

    private DemoCa() {
    }

    /** Makes (or finds) the demo token and CA; returns the token's key URI (PIN in a user-only file). */
    public static KeyUri prepare(Path dir, PrintWriter out) throws Exception {
        KeyUri uri = CaDemoCommand.prepareToken(dir, out);
        CaDirectory caDir = new CaDirectory(dir.resolve("ca"));
        if (!caDir.initialised()) {
            try (KeyManager keys = KeyManagers.open(uri, out::println)) {
                new KeyCeremony(keys, CaConfig.defaults(), caDir, Clock.systemUTC()).run(uri.toString());
            }
            out.println("demo CA created: root and issuing keys in SoftHSM token '" + CaDemoCommand.TOKEN + "', chain in " + caDir.chain());
        }
        return uri;
    }

    /** The file holding the demo token's PIN. */
    public static Path pinFile(Path dir) {
        return dir.resolve("demo-token.pin");
    }

    /** The default demo directory, {@code $IMPRINT_HOME/demo}. */
    public static Path defaultDir() {
        return DataDirs.home().resolve("demo");
    }
}
