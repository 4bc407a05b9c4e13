package io.imprint.station.label;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A label's QR code, rendered to PNG, scans back to exactly the template's text. */
class LabelQrTest {

    @ParameterizedTest
    @ValueSource(strings = {"SIM-0A1B2C3D4E", "Capteur-été-温度-Ω-🚀", "=HYPERLINK(\"http://x\")", "a^b~c_d\\e;wo=forged"})
    void thePngDecodesToTheTemplatesText(String deviceId) throws Exception {
        LabelContent label = LabelTemplate.DEFAULT.render(new LabelFields(deviceId, LabelTemplateTest.SHA, "WO-7", "01ab", "Sensor S1"));

        String scanned = QrDecoding.decodePng(QrCodes.png(label.qrText(), 4));

        assertThat(scanned).isEqualTo(label.qrText()).contains(deviceId);
    }

    @Test
    void theLongestTextATemplateAllowsStillMakesAQrCode() throws Exception {
        String text = "x".repeat(LabelTemplate.MAX_QR_BYTES);
        assertThat(QrDecoding.decodePng(QrCodes.png(text, 3))).isEqualTo(text);
        // Error correction M: version 13 holds 331 bytes; more modules would not fit a 30 mm label.
        assertThat(QrCodes.modules(text).getWidth()).isLessThanOrEqualTo(69);
    }

    @Test
    void aSeparatePlaceholderTemplateStillScans() throws Exception {
        LabelTemplate t = LabelTemplate.of("{workOrder}/{serial}/{deviceId}", List.of());
        LabelContent label = t.render(new LabelFields("D-1", LabelTemplateTest.SHA, "WO-9", "7f", "P"));
        assertThat(QrDecoding.decodePng(QrCodes.png(label.qrText(), 2))).isEqualTo("WO-9/7f/D-1");
    }
}
