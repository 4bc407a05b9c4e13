package io.imprint.ca.issue;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.ca.key.KeyUri;
import io.imprint.ca.softhsm.SoftHsm;
import io.imprint.ca.testing.Shell;
import io.imprint.ca.testing.TestTokens;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CA contract with keys in SoftHSM2 through SunPKCS11. */
class Pkcs11CertificateAuthorityTest extends CertificateAuthorityContract {

    @Override
    KeyUri prepareBackend(Path dir) throws Exception {
        Path pin = TestTokens.create(dir, "ca-test");
        return KeyUri.parse("pkcs11:token=ca-test?pin-source=file:" + pin);
    }

    @Test
    void theCaKeysInTheTokenAreSensitiveAndNeverExtractable() throws Exception {
        Shell.Result list = Shell.run(Map.of("SOFTHSM2_CONF", TestTokens.conf(dir).toString()),
                "pkcs11-tool", "--module", SoftHsm.MODULE.toString(), "--token-label", "ca-test", "--login", "--pin", TestTokens.PIN,
                "--list-objects", "--type", "privkey");
        assertThat(list.exitCode()).as(list.output()).isZero();
        String[] keys = list.output().split("Private Key Object");
        assertThat(keys).hasSize(3);
        for (int i = 1; i < keys.length; i++) {
            assertThat(keys[i]).contains("Access:     sensitive, always sensitive, never extractable, local");
        }
        assertThat(ca.authority().issuingKey().publicKey()).isNotNull();
    }
}
