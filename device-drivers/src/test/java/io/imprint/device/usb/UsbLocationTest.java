package io.imprint.device.usb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

final class UsbLocationTest {

    @Test
    void namesABusAndPortChainAsLinuxDoes() {
        UsbLocation l = new UsbLocation(1, List.of(2, 4));
        assertThat(l.physical()).isEqualTo("1-2.4");
        assertThat(l.path()).isEqualTo("usb:1-2.4");
    }

    @Test
    void readsBackWhatItWrites() {
        assertThat(UsbLocation.parse("usb:3-1.2.7")).isEqualTo(new UsbLocation(3, List.of(1, 2, 7)));
        assertThat(UsbLocation.parse("1-2")).isEqualTo(new UsbLocation(1, List.of(2)));
    }

    @Test
    void rejectsPathsThatAreNotUsbLocations() {
        for (String bad : new String[] {"/dev/ttyUSB0", "usb:1", "usb:1-", "usb:-2", "usb:1-2..4", "usb:1-0", "usb:1-256"}) {
            assertThatThrownBy(() -> UsbLocation.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
