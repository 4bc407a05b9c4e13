package io.imprint.station.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a slot's tile calls its port, and the stored form read back. */
class PortBindingTest {

    @Test
    void theOperatorSeesTheSocketsNameTheDeviceNodeOrTheUsbPortNeverATempPath() {
        assertThat(PortBinding.parse("/tmp/imprint-demo-8127364/socket-3").describe()).isEqualTo("socket-3");
        assertThat(PortBinding.parse("/dev/ttyUSB0").describe()).isEqualTo("/dev/ttyUSB0");
        assertThat(PortBinding.parse("location:1-2.4").describe()).isEqualTo("USB port 1-2.4");
        assertThat(PortBinding.parse("serial:FT12AB").describe()).isEqualTo("USB serial FT12AB");
    }

    @Test
    void everyFormReadsBackAsItWasStored() {
        for (String stored : new String[] {"path:/tmp/fixture/socket-1", "serial:FT12AB", "location:1-2.4"}) {
            assertThat(PortBinding.parse(stored).encode()).isEqualTo(stored);
        }
    }
}
