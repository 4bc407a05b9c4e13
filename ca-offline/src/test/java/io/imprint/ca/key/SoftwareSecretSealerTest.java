package io.imprint.ca.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sealing contract against the PKCS#12 software store. */
class SoftwareSecretSealerTest extends SecretSealerContract {

    @TempDir
    Path dir;

    @Override
    KeyManager open() throws Exception {
        return SoftwareKeyManager.open((KeyUri.Pkcs12) KeyUri.parse("pkcs12:" + dir.resolve("ca.p12")), "store-pin-2".toCharArray());
    }

    @Test
    void theSealingKeyIsAnAesEntryOfThePasswordProtectedFile() throws Exception {
        try (KeyManager km = open()) {
            sealer(km).seal("station-seal", SECRET, BATCH);
        }
        KeyStore file = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(dir.resolve("ca.p12"))) {
            file.load(in, "store-pin-2".toCharArray());
        }
        assertThat(file.entryInstanceOf("station-seal", KeyStore.SecretKeyEntry.class)).isTrue();
        assertThat(file.getKey("station-seal", "store-pin-2".toCharArray()).getAlgorithm()).isEqualTo("AES");
        assertThat(file.getKey("station-seal", "store-pin-2".toCharArray()).getEncoded()).hasSize(32);
    }
}
