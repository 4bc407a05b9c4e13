package io.imprint.ca.testing;

import io.imprint.ca.softhsm.SoftHsm;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fresh SoftHSM2 token for a test class, in the class's own temp dir with its own SOFTHSM2_CONF.
 * Works because every test class of this module runs in its own JVM.
 */
public final class TestTokens {

    public static final String PIN = "48151623";

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

    public static Path conf(Path dir) {
        return dir.resolve("softhsm").resolve("softhsm2.conf");
    }
}
