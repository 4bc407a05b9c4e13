package io.imprint.device.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.device.serial.SerialSettings.FlowControl;
import io.imprint.device.serial.SerialSettings.Parity;
import io.imprint.device.serial.SerialSettings.StopBits;
import io.imprint.device.transport.TransportException.Kind;
import org.junit.jupiter.api.Test;

/** The settings record and the errno mapping: pure logic, no device. */
class SerialSettingsTest {

    @Test
    void ofIsEightNOneWithoutFlowControl() {
        assertThat(SerialSettings.of(115200)).isEqualTo(new SerialSettings(115200, 8, Parity.NONE, StopBits.ONE, FlowControl.NONE));
        assertThat(SerialSettings.of(115200).describe()).isEqualTo("115200 8N1");
        assertThat(new SerialSettings(9600, 7, Parity.EVEN, StopBits.TWO, FlowControl.RTS_CTS).describe()).isEqualTo("9600 7E2 RTS/CTS");
    }

    @Test
    void impossibleSettingsAreRefused() {
        assertThatThrownBy(() -> SerialSettings.of(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baud");
        assertThatThrownBy(() -> new SerialSettings(9600, 9, Parity.NONE, StopBits.ONE, FlowControl.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("data bits");
        assertThatThrownBy(() -> new SerialSettings(9600, 4, Parity.NONE, StopBits.ONE, FlowControl.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SerialSettings(9600, 8, null, StopBits.ONE, FlowControl.NONE)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void errnoValuesMapToWhatTheStationActsOn() {
        assertThat(SerialErrors.openKind(2, false)).isEqualTo(Kind.NOT_FOUND);
        assertThat(SerialErrors.openKind(13, true)).isEqualTo(Kind.BUSY);
        assertThat(SerialErrors.openKind(11, true)).isEqualTo(Kind.BUSY);
        assertThat(SerialErrors.openKind(25, true)).isEqualTo(Kind.IO);
        assertThat(SerialErrors.transferKind(5, true, true)).isEqualTo(Kind.DISCONNECTED);
        assertThat(SerialErrors.transferKind(0, true, false)).isEqualTo(Kind.DISCONNECTED);
        assertThat(SerialErrors.transferKind(22, true, true)).isEqualTo(Kind.IO);
        assertThat(SerialErrors.location("0-0.0")).isEmpty();
        assertThat(SerialErrors.location("1-2.4")).contains("1-2.4");
        assertThat(SerialErrors.known("Unknown")).isEmpty();
        assertThat(SerialErrors.usbId(-1)).isEmpty();
        assertThat(SerialErrors.usbId(0x0483)).contains(0x0483);
    }
}
