package io.imprint.ca.key;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.ca.softhsm.SoftHsm;
import io.imprint.ca.testing.Shell;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sealing contract against SoftHSM2 through SunPKCS11 (CKM_AES_GCM), on a fresh token for this class. */
class Pkcs11SecretSealerTest extends SecretSealerContract {

    @TempDir
    static Path dir;

    static final String PIN = "31415926";
    static Path conf;

    @BeforeAll
    static void freshToken() throws Exception {
        conf = SoftHsm.use(dir);
        SoftHsm.initToken(conf, "sealer", PIN, "27182818");
    }

    @Override
    KeyManager open() throws Exception {
        return Pkcs11KeyManager.open((KeyUri.Pkcs11) KeyUri.parse("pkcs11:token=sealer"), PIN.toCharArray());
    }

    @Test
    void theSealingKeyIsOneLabelledTokenKeyThatNeverLeavesTheToken() throws Exception {
        try (KeyManager km = open()) {
            sealer(km).seal("station-seal", SECRET, BATCH);
            sealer(km).seal("station-seal", SECRET, BATCH);
        }
        Shell.Result listed = Shell.run(Map.of("SOFTHSM2_CONF", conf.toString()), "pkcs11-tool", "--module", SoftHsm.MODULE.toString(),
                "--token-label", "sealer", "--login", "--pin", PIN, "--list-objects", "--type", "secrkey");
        assertThat(listed.exitCode()).as(listed.output()).isZero();
        String[] objects = listed.output().split("Secret Key Object");
        String seal = java.util.Arrays.stream(objects).filter(o -> o.contains("label:      station-seal\n")).findFirst().orElseThrow(
                () -> new AssertionError("no secret key labelled station-seal in\n" + listed.output()));
        assertThat(seal).contains("AES length 32").contains("sensitive").contains("always sensitive").contains("never extractable");
        // SunPKCS11's setEntry copies a generated key into the token; no unlabelled original may be left behind.
        assertThat(listed.output()).doesNotContain("label:      \n");
        assertThat(listed.output().split("label:      station-seal\n", -1)).as("one object").hasSize(2);
    }
}
