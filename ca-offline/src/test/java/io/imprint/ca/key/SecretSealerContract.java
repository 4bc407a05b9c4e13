package io.imprint.ca.key;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One sealing contract, run against every backend that can seal. */
abstract class SecretSealerContract {

    static final byte[] SECRET = "-----claim key bytes, PKCS#8 in real life-----".getBytes(UTF_8);
    static final byte[] BATCH = "WO-7".getBytes(UTF_8);

    /** Opens the backend under test; every call reaches the same underlying store. */
    abstract KeyManager open() throws Exception;

    static SecretSealer sealer(KeyManager km) throws KeyManagerException {
        return KeyManagers.secretSealer(km);
    }

    @Test
    void sealedBytesUnsealAndDoNotShowThePlaintext() throws Exception {
        try (KeyManager km = open()) {
            byte[] sealed = sealer(km).seal("round-trip", SECRET, BATCH);
            byte[] again = sealer(km).seal("round-trip", SECRET, BATCH);

            assertThat(sealed).hasSize(AesGcmSealing.IV_BYTES + SECRET.length + AesGcmSealing.TAG_BITS / 8);
            assertThat(HexFormat.of().formatHex(sealed)).doesNotContain(HexFormat.of().formatHex(SECRET, 0, 8));
            assertThat(Arrays.copyOf(sealed, 12)).as("a fresh IV per seal").isNotEqualTo(Arrays.copyOf(again, 12));
            assertThat(sealer(km).unseal("round-trip", sealed, BATCH)).isEqualTo(SECRET);
            assertThat(sealer(km).unseal("round-trip", again, BATCH)).isEqualTo(SECRET);
        }
    }

    @Test
    void otherAssociatedDataIsRefused() throws Exception {
        try (KeyManager km = open()) {
            byte[] sealed = sealer(km).seal("aad", SECRET, BATCH);
            assertThatThrownBy(() -> sealer(km).unseal("aad", sealed, "WO-8".getBytes(UTF_8)))
                    .isInstanceOf(UnsealRefusedException.class)
                    .hasMessageContaining("'aad'")
                    .hasMessageContaining("does not authenticate");
        }
    }

    @Test
    void aFlippedOrMissingByteIsRefused() throws Exception {
        try (KeyManager km = open()) {
            byte[] sealed = sealer(km).seal("flip", SECRET, BATCH);
            // In the IV, in the ciphertext, in the tag.
            for (int at : List.of(0, 11, 12, 12 + SECRET.length / 2, sealed.length - 1)) {
                byte[] changed = sealed.clone();
                changed[at] ^= 0x01;
                assertThatThrownBy(() -> sealer(km).unseal("flip", changed, BATCH)).as("byte " + at)
                        .isInstanceOf(UnsealRefusedException.class).hasMessageContaining("does not authenticate");
            }
            assertThatThrownBy(() -> sealer(km).unseal("flip", Arrays.copyOf(sealed, sealed.length - 1), BATCH))
                    .isInstanceOf(UnsealRefusedException.class);
            assertThatThrownBy(() -> sealer(km).unseal("flip", Arrays.copyOf(sealed, 20), BATCH))
                    .isInstanceOf(UnsealRefusedException.class).hasMessageContaining("too short");
        }
    }

    @Test
    void aLaterSessionUnsealsWithTheSameKey() throws Exception {
        byte[] sealed;
        try (KeyManager km = open()) {
            sealed = sealer(km).seal("kept-seal", SECRET, BATCH);
        }
        try (KeyManager km = open()) {
            assertThat(km.exists("kept-seal")).isTrue();
            assertThat(sealer(km).unseal("kept-seal", sealed, BATCH)).isEqualTo(SECRET);
        }
    }

    @Test
    void anotherKeyCannotUnsealAndAMissingKeyIsNotMadeByUnseal() throws Exception {
        try (KeyManager km = open()) {
            byte[] sealed = sealer(km).seal("first", SECRET, BATCH);
            sealer(km).seal("second", new byte[] {1}, BATCH);
            assertThatThrownBy(() -> sealer(km).unseal("second", sealed, BATCH)).isInstanceOf(UnsealRefusedException.class);
            assertThatThrownBy(() -> sealer(km).unseal("never-made", sealed, BATCH))
                    .isInstanceOf(KeyManagerException.class).hasMessageContaining("no sealing key named 'never-made'");
            assertThat(km.exists("never-made")).isFalse();
        }
    }

    @Test
    void aSigningKeyIsNotUsedForSealing() throws Exception {
        try (KeyManager km = open()) {
            KeySigner signer = km.createKey("signs-only", KeyAlgorithm.EC_P256);
            KeyManagers.certificateStore(km).storeChain("signs-only", List.of(KeyManagerContract.selfSigned(signer)));
            assertThatThrownBy(() -> sealer(km).seal("signs-only", SECRET, BATCH))
                    .isInstanceOf(KeyManagerException.class).hasMessageContaining("not an AES sealing key");
        }
    }
}
