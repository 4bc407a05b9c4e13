package io.imprint.device.nrf91;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.imprint.device.session.BoardException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeygenAnswerTest {

    static final UUID UUID_1 = UUID.fromString("504d5632-3739-42fb-80c8-1411df972166");
    static final int TAG = 16842753;

    @Test
    void aModemsAnswerGivesItsCsr() throws Exception {
        SimulatedKeygen.Made made = SimulatedKeygen.make("CN=nrf-352656100367872", UUID_1, TAG, false);
        assertThat(KeygenAnswer.check("pty", made.answer(), TAG)).isEqualTo(made.csrDer());
    }

    @Test
    void theCoseIsDefiniteLengthWithAnIntegerAlgorithmKey() throws Exception {
        SimulatedKeygen.Made made = SimulatedKeygen.make("CN=x", UUID_1, TAG, false);
        byte[] cose = Base64.getUrlDecoder().decode(made.answer().replace("\"", "").split("\\.")[1]);
        assertThat(cose[0]).as("array of 4").isEqualTo((byte) 0x84);
        JsonNode sign1 = new CBORMapper().readTree(cose);
        assertThat(HexFormat.of().formatHex(sign1.get(0).binaryValue())).as("{1: -7}").isEqualTo("a10126");
        JsonNode payload = new CBORMapper().readTree(sign1.get(2).binaryValue());
        assertThat(payload.get(0).asInt()).isEqualTo(9);
        assertThat(payload.get(1).binaryValue()).isEqualTo(SimulatedKeygen.uuidBytes(UUID_1));
        assertThat(payload.get(2).asLong()).isEqualTo(TAG);
    }

    @Test
    void sigStructureIsTheRfcArray() {
        byte[] s = KeygenAnswer.sigStructure(new byte[] {(byte) 0xa1, 1, 0x26}, new byte[] {1});
        assertThat(HexFormat.of().formatHex(s)).isEqualTo("846a5369676e61747572653143a101264041" + "01");
    }

    @Test
    void aDigestOfSomethingElseIsABadCsr() {
        SimulatedKeygen.Made made = SimulatedKeygen.make("CN=x", UUID_1, TAG, true);
        assertThatThrownBy(() -> KeygenAnswer.check("pty", made.answer(), TAG))
                .isInstanceOfSatisfying(BoardException.class, e -> {
                    assertThat(e.reason()).isEqualTo(BoardException.Reason.BAD_CSR);
                    assertThat(e.getMessage()).contains("digest is not the SHA-256 of the CSR");
                });
    }

    @Test
    void anotherSecTagIsABadCsr() {
        SimulatedKeygen.Made made = SimulatedKeygen.make("CN=x", UUID_1, 7, false);
        assertThatThrownBy(() -> KeygenAnswer.check("pty", made.answer(), TAG))
                .isInstanceOfSatisfying(BoardException.class, e -> assertThat(e.getMessage()).contains("sec_tag is 7, not " + TAG));
    }

    @Test
    void aCsrSwappedForAnotherKeysCsrFailsTheDigestOrSignature() {
        SimulatedKeygen.Made one = SimulatedKeygen.make("CN=x", UUID_1, TAG, false);
        SimulatedKeygen.Made other = SimulatedKeygen.make("CN=x", UUID_1, TAG, false);
        String swapped = "\"" + other.answer().replace("\"", "").split("\\.")[0] + "." + one.answer().replace("\"", "").split("\\.")[1] + "\"";
        assertThatThrownBy(() -> KeygenAnswer.check("pty", swapped, TAG))
                .isInstanceOfSatisfying(BoardException.class, e -> assertThat(e.reason()).isEqualTo(BoardException.Reason.BAD_CSR));
    }

    @Test
    void aFlippedSignatureBitFailsTheSignature() throws Exception {
        SimulatedKeygen.Made made = SimulatedKeygen.make("CN=x", UUID_1, TAG, false);
        String[] parts = made.answer().replace("\"", "").split("\\.");
        byte[] cose = Base64.getUrlDecoder().decode(parts[1]);
        cose[cose.length - 1] ^= 1;
        String bad = "\"" + parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(cose) + "\"";
        assertThatThrownBy(() -> KeygenAnswer.check("pty", bad, TAG))
                .isInstanceOfSatisfying(BoardException.class, e -> assertThat(e.getMessage()).contains("signature does not verify"));
    }

    @Test
    void notTheKeygenShapeIsABadCsr() {
        for (String junk : new String[] {"", "\"abc\"", "\"a.b.c\"", "\"!!.??\"", "no quotes"}) {
            assertThatThrownBy(() -> KeygenAnswer.check("pty", junk, TAG)).as(junk)
                    .isInstanceOfSatisfying(BoardException.class, e -> assertThat(e.reason()).isEqualTo(BoardException.Reason.BAD_CSR));
        }
    }
}
