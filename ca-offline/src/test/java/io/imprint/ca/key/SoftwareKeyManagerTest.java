package io.imprint.ca.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key-manager contract against the PKCS#12 software store. */
class SoftwareKeyManagerTest extends KeyManagerContract {

    @TempDir
    Path dir;

    @Override
    KeyManager open() throws Exception {
        return SoftwareKeyManager.open((KeyUri.Pkcs12) KeyUri.parse("pkcs12:" + dir.resolve("ca.p12")), "store-pin-1".toCharArray());
    }

    @Override
    KeyManager openWithWrongPin() throws Exception {
        return SoftwareKeyManager.open((KeyUri.Pkcs12) KeyUri.parse("pkcs12:" + dir.resolve("ca.p12")), wrongPin().toCharArray());
    }

    @Override
    String wrongPin() {
        return "not-the-pin";
    }

    @Test
    void theStoreWarnsThatKeysAreNotInAnHsmAndIsPrivateToItsOwner() throws Exception {
        try (SoftwareKeyManager km = (SoftwareKeyManager) open()) {
            assertThat(km.warning()).contains("not in an HSM");
            KeySigner s = km.createKey("w", KeyAlgorithm.EC_P256);
            km.storeChain("w", java.util.List.of(selfSigned(s)));
        }
        assertThat(Files.getPosixFilePermissions(dir.resolve("ca.p12")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }
}
