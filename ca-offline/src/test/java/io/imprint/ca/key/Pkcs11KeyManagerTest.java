package io.imprint.ca.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.ca.softhsm.SoftHsm;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key-manager contract against SoftHSM2 through SunPKCS11, on a fresh token for this class. */
class Pkcs11KeyManagerTest extends KeyManagerContract {

    @TempDir
    static Path dir;

    static final String PIN = "71829304";

    @BeforeAll
    static void freshToken() throws Exception {
        Path conf = SoftHsm.use(dir);
        SoftHsm.initToken(conf, "contract", PIN, "55667788");
    }

    @Override
    KeyManager open() throws Exception {
        return Pkcs11KeyManager.open((KeyUri.Pkcs11) KeyUri.parse("pkcs11:token=contract"), PIN.toCharArray());
    }

    @Override
    KeyManager openWithWrongPin() throws Exception {
        return Pkcs11KeyManager.open((KeyUri.Pkcs11) KeyUri.parse("pkcs11:token=contract"), wrongPin().toCharArray());
    }

    @Override
    String wrongPin() {
        return "99999999";
    }

    @Test
    void theTokenIsFoundByLabelWhateverItsSlotId() throws Exception {
        List<Pkcs11Slots.Token> tokens = Pkcs11Slots.tokens(SoftHsm.MODULE);
        assertThat(tokens).extracting(Pkcs11Slots.Token::label).containsExactly("contract");
        assertThat(tokens.getFirst().slotId()).isNotZero();
    }

    @Test
    void anUnknownTokenLabelIsAClearError() {
        assertThatThrownBy(() -> Pkcs11KeyManager.open((KeyUri.Pkcs11) KeyUri.parse("pkcs11:token=absent"), PIN.toCharArray()))
                .isInstanceOf(KeyManagerException.class)
                .hasMessageContaining("no PKCS#11 token labelled 'absent'")
                .hasMessageContaining("contract");
    }

    @Test
    void aTokenPrivateKeyHasNoEncoding() throws Exception {
        try (KeyManager km = open()) {
            KeySigner signer = km.createKey("opaque", KeyAlgorithm.EC_P256);
            assertThat(((JcaKeySigner) signer).privateKey().getEncoded()).isNull();
        }
    }
}
