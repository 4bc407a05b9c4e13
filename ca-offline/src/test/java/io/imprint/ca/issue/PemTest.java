package io.imprint.ca.issue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Random;
import org.bouncycastle.util.io.pem.PemReader;
import org.junit.jupiter.api.Test;

/** PEM as the station has always stored it: 64-character lines, \n endings, read back to the same DER. */
class PemTest {

    @Test
    void encodesAsTheStationStoredPemBeforeAndReadsBack() throws Exception {
        Random random = new Random(7);
        for (int length : new int[] {1, 47, 48, 49, 64, 500, 1337}) {
            byte[] der = new byte[length];
            random.nextBytes(der);
            String pem = Pem.encode("CERTIFICATE", der);
            // The hand-written encoder this replaced: every PEM already in a batch log looks like this.
            String before = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END CERTIFICATE-----\n";
            assertThat(pem).isEqualTo(before).doesNotContain("\r");
            try (PemReader reader = new PemReader(new java.io.StringReader(pem))) {
                assertThat(reader.readPemObject().getContent()).isEqualTo(der);
            }
        }
    }
}
