package io.imprint.ca.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.ca.testing.TestTokens;
import io.imprint.ca.testing.TokenPull;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token pulled and put back mid-shift (SoftHSM2's objects taken away and returned): the signers
 * handed out before fail while it is gone, and sign again once the station logs in again with the PIN.
 */
class Pkcs11ReloginTest {

    // One token per class: SoftHSM reads its configuration once per process.
    @TempDir
    static Path dir;
    static Path pinFile;

    @TempDir
    Path away;

    @BeforeAll
    static void token() throws Exception {
        pinFile = TestTokens.create(dir, "relogin");
    }

    @Test
    void signersHandedOutBeforeSignAgainAfterTheTokenComesBackAndTheStationLogsInAgain() throws Exception {
        try (KeyManager km = TestTokens.open("relogin", pinFile);
             TokenPull pull = new TokenPull(TokenPull.tokensDir(TestTokens.conf(dir)), away)) {
            String object = "ca-" + System.nanoTime();
            KeySigner signer = stored(km, object);
            assertThat(verifies(signer)).isTrue();

            pull.pull();
            assertThatThrownBy(() -> verifies(signer)).isInstanceOf(KeyManagerException.class).hasMessageContaining("CKR_OBJECT_HANDLE_INVALID");

            pull.putBack();
            assertThatThrownBy(() -> verifies(signer)).as("the old handle stays invalid until the station logs in again")
                    .isInstanceOf(KeyManagerException.class);
            assertThatThrownBy(() -> ((Relogin) km).relogin("00000000".toCharArray()))
                    .isInstanceOf(KeyManagerException.class).hasMessageContaining("wrong PIN (CKR_PIN_INCORRECT)").hasMessageNotContaining("00000000");
            assertThatThrownBy(() -> verifies(signer)).as("a refused PIN leaves the signer failing").isInstanceOf(KeyManagerException.class);

            ((Relogin) km).relogin(TestTokens.PIN.toCharArray());
            assertThat(verifies(signer)).isTrue();
            assertThat(verifies(km.signer(object))).isTrue();
        }
    }

    @Test
    void aTokenWithTheSameLabelButAnotherKeyIsRefusedAfterTheNewLogin() throws Exception {
        try (KeyManager km = TestTokens.open("relogin", pinFile);
             TokenPull pull = new TokenPull(TokenPull.tokensDir(TestTokens.conf(dir)), away)) {
            String object = "ca-" + System.nanoTime();
            KeySigner signer = stored(km, object);
            pull.pull();
            // Another token under the same label: a key of the same name, but not the CA's.
            ((Relogin) km).relogin(TestTokens.PIN.toCharArray());
            stored(km, object);
            ((Relogin) km).relogin(TestTokens.PIN.toCharArray());

            assertThatThrownBy(() -> verifies(signer)).isInstanceOf(KeyManagerException.class)
                    .hasMessageContaining("is not the key the station started with");
        }
    }

    /** A new key with its certificate stored beside it, as the key ceremony leaves one, and its signer as a later session finds it. */
    private static KeySigner stored(KeyManager km, String object) throws Exception {
        KeySigner made = km.createKey(object, KeyAlgorithm.EC_P256);
        KeyManagers.certificateStore(km).storeChain(object, List.of(KeyManagerContract.selfSigned(made)));
        return km.signer(object);
    }

    private static boolean verifies(KeySigner signer) throws Exception {
        return KeyManagerContract.verifies(signer, "tbs".getBytes());
    }
}
