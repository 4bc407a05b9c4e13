package io.imprint.station.testing;

import io.imprint.ca.key.KeyManager;
import io.imprint.ca.key.KeyManagers;
import io.imprint.ca.key.KeyUri;
import io.imprint.ca.softhsm.SoftHsm;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fresh SoftHSM2 token for a test class, in the class's own temp dir with its own SOFTHSM2_CONF.
 * Works because every station-app test class runs in its own JVM. Not thread-safe; call once per class.
 */
public final class TestTokens {

    public static final String PIN = "48151623";
    /** The user PIN of {@link #stationCa}'s token. */
    public static final String STATION_PIN = "11112222";

    private TestTokens() {
    }

    /** Initialises token {@code label} under {@code dir} and logs in to it. */
    public static KeyManager create(Path dir, String label) throws Exception {
        Path conf = SoftHsm.use(dir.resolve("softhsm"));
        SoftHsm.initToken(conf, label, PIN, "87654321");
        Path pinFile = dir.resolve("token.pin");
        Files.writeString(pinFile, PIN + "\n");
        return open(label, pinFile);
    }

    /**
     * A station's CA as {@code imprint ca init} makes it: token {@code label} (user PIN {@value #STATION_PIN})
     * under {@code dir/softhsm}, the PIN in {@code dir/pin}, the CA directory {@code dir/ca}. Returns the
     * SoftHSM configuration, for a child process's SOFTHSM2_CONF.
     */
    public static Path stationCa(Path dir, String label) throws Exception {
        Path conf = SoftHsm.use(dir.resolve("softhsm"));
        SoftHsm.initToken(conf, label, STATION_PIN, "33334444");
        Path pin = Files.writeString(dir.resolve("pin"), STATION_PIN + "\n");
        Cli.Run init = Cli.imprint("ca", "init", "--ca-dir", dir.resolve("ca").toString(), "--key", "pkcs11:token=" + label + "?pin-source=file:" + pin);
        if (init.exit() != 0) {
            throw new AssertionError("imprint ca init failed (" + init.exit() + "): " + init.err());
        }
        return conf;
    }

    /** A new session on an existing token, as a restarted station would open it. */
    public static KeyManager open(String label, Path pinFile) throws Exception {
        return KeyManagers.open(KeyUri.parse("pkcs11:token=" + label + "?pin-source=file:" + pinFile), warning -> { });
    }
}
