package io.imprint.station.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelTemplateTest {

    static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final LabelFields BOARD = new LabelFields("SIM-0A1B2C3D4E", SHA, "WO-7", "01ab", "Sensor S1");

    @Test
    void theDefaultTemplateFillsTheQrTextAndLinesFromTheBoard() throws Exception {
        LabelContent label = LabelTemplate.DEFAULT.render(BOARD);
        assertThat(label.qrText()).isEqualTo("imprint:device=SIM-0A1B2C3D4E;wo=WO-7;sha256=" + SHA);
        assertThat(label.lines()).containsExactly("SIM-0A1B2C3D4E", "Sensor S1 · WO WO-7", "SHA-256 " + SHA);
    }

    @Test
    void valuesGoInLiterallyEvenWhenTheyLookLikePlaceholders() throws Exception {
        LabelTemplate t = LabelTemplate.of("{deviceId}|{serial}|{sha256short}", List.of("{product}"));
        LabelContent label = t.render(new LabelFields("{serial}$1\\", SHA, "WO-7", "01ab", "P"));
        assertThat(label.qrText()).isEqualTo("{serial}$1\\|01ab|9f86d081884c7d65");
    }

    @Test
    void anUnknownPlaceholderIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> LabelTemplate.of("{deviceID}", List.of()))
                .isInstanceOf(LabelException.class)
                .hasMessageContaining("unknown placeholder {deviceID}")
                .hasMessageContaining("{deviceId}, {sha256}");
        assertThatThrownBy(() -> LabelTemplate.of("{deviceId}", List.of("WO {workorder}"))).hasMessageContaining("unknown placeholder {workorder}");
    }

    @Test
    void loneBracesControlCharactersAndEmptyTextAreRefused() {
        assertThatThrownBy(() -> LabelTemplate.of("{deviceId", List.of())).hasMessageContaining("lone { or }");
        assertThatThrownBy(() -> LabelTemplate.of("id}", List.of())).hasMessageContaining("lone { or }");
        assertThatThrownBy(() -> LabelTemplate.of("a\tb", List.of())).hasMessageContaining("control character");
        assertThatThrownBy(() -> LabelTemplate.of(" ", List.of())).hasMessageContaining("empty");
        assertThatThrownBy(() -> LabelTemplate.of("x", List.of("a", "b", "c", "d", "e"))).hasMessageContaining("at most 4 text lines");
    }

    @Test
    void aTemplateThatCanOutgrowTheQrCodeIsRefusedWhenMade() {
        assertThatThrownBy(() -> LabelTemplate.of("{product}{product}{deviceId}", List.of()))
                .isInstanceOf(LabelException.class)
                .hasMessageContaining("can reach 320 bytes")
                .hasMessageContaining("at most 300");
    }

    @Test
    void aBoardWhoseValuesOverflowTheTemplateIsRefusedAtRender() throws Exception {
        LabelTemplate t = LabelTemplate.of("{deviceId}{sha256}{sha256}{workOrder}", List.of());
        // 64 three-byte characters: within the column, three times the bytes of the longest ASCII id.
        LabelFields wide = new LabelFields("€".repeat(64), SHA, "WO-7", "01", "P");
        assertThatThrownBy(() -> t.render(wide)).isInstanceOf(LabelException.class).hasMessageContaining("is 324 bytes; at most 300");
        LabelTemplate lines = LabelTemplate.of("{deviceId}", List.of("{product}{product}"));
        assertThatThrownBy(() -> lines.render(new LabelFields("D", SHA, "W", "01", "P".repeat(81))))
                .hasMessageContaining("162 characters; at most 160");
    }
}
