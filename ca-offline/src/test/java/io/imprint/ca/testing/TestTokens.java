package io.imprint.ca.testing;

import io.imprint.ca.cli.CaCommand;
import io.imprint.ca.key.KeyManager;
import io.imprint.ca.key.KeyManagers;
import io.imprint.ca.key.KeyUri;
import io.imprint.ca.softhsm.SoftHsm;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fresh SoftHSM2 token for a test class, in the class's own temp dir with its own SOFTHSM2_CONF.
 * Works because every test class runs in its own JVM (ca-offline and station-app both fork one per
 * class). Not thread-safe; call once per class. Station-app's tests use it through ca-offline's test-jar.
 */
public final class TestTokens {

    public static final String PIN = "48151623";
    /** The user PIN of {@link #stationCa}'s token. */
    public static final String STATION_PIN = "11112222";

    private TestTokens() {
    }

    /** Initialises token {@code label} in {@code dir}; returns a pin file usable as {@code pin-source=file:…}. */
    public static Path create(Path dir, String label) throws Exception {
        Path conf = SoftHsm.use(dir.resolve("softhsm"));
        SoftHsm.initToken(conf, label, PIN, "87654321");
        Path pinFile = dir.resolve("token.pin");
        Files.writeString(pinFile, PIN + "\n");
        return pinFile;
    }

    /** Initialises token {@code label} under {@code dir} (as {@link #create}) and logs in to it. */
    public static KeyManager createAndOpen(Path dir, String label) throws Exception {
        return open(label, create(dir, label));
    }

    /** A new session on an existing token, as a restarted station would open it. */
    public static KeyManager open(String label, Path pinFile) throws Exception {
        return KeyManagers.open(KeyUri.parse("pkcs11:token=" + label + "?pin-source=file:" + pinFile), warning -> { });
    }

    /**
     * A station's CA as {@code imprint ca init} makes it: token {@code label} (user PIN {@value #STATION_PIN})
     * under {@code dir/softhsm}, the PIN in {@code dir/pin}, the CA directory {@code dir/ca}. Returns the
     * SoftHSM configuration, for a child process's SOFTHSM2_CONF. Runs {@code ca init} in this JVM, the
     * subcommand {@code imprint ca init} runs.
     */
    public static Path stationCa(Path dir, String label) throws Exception {
        Path conf = SoftHsm.use(dir.resolve("softhsm"));
        SoftHsm.initToken(conf, label, STATION_PIN, "33334444");
        Path pin = Files.writeString(dir.resolve("pin"), STATION_PIN + "\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = CaCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("init", "--ca-dir", dir.resolve("ca").toString(), "--key", "pkcs11:token=" + label + "?pin-source=file:" + pin);
        if (exit != 0) {
            throw new AssertionError("imprint ca init failed (" + exit + "): " + err);
        }
        return conf;
    }

    public static Path conf(Path dir) {
        return dir.resolve("softhsm").resolve("softhsm2.conf");
    }

    /**
     * Copies a CA directory ({@code chain.pem}, {@code ca.conf}, the ledger; never keys: those stay in the
     * token) to {@code to}, so a test issues and revokes on a CA of its own while the token stays the class's.
     */
    public static void copyCaDirectory(Path from, Path to) throws java.io.IOException {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(from.relativize(f).toString()));
            }
        }
    }
}
