package io.imprint.station.audit;

import io.imprint.ca.key.KeyManager;
import io.imprint.ca.testing.TestTokens;
import io.imprint.station.testing.FakeClock;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A fresh SoftHSM token with the station's audit key, for each audit test class (each runs in its own JVM). */
abstract class StationTokenTest {

    @TempDir
    static Path tokenDir;

    static KeyManager token;
    static TokenChainSigner signer;

    @BeforeAll
    static void station() throws Exception {
        token = TestTokens.createAndOpen(tokenDir, "station");
        signer = TokenChainSigner.getOrCreate(token, TokenChainSigner.DEFAULT_OBJECT, "st-1", FakeClock.ticking());
    }

    @AfterAll
    static void close() {
        token.close();
    }
}
