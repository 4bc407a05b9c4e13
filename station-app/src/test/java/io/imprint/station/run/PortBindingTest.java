package io.imprint.station.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.device.port.BoardPorts;
import io.imprint.device.transport.PortIdentity;
import io.imprint.device.transport.Transport;
import io.imprint.device.watch.PortEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
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

    @Test
    void aUsbBulkBoardIsFoundByItsLocationOrSerialThroughThePortsAndAMissingOneIsNot() {
        PortIdentity board = new PortIdentity("usb:1-2.4", Optional.of(0x1915), Optional.of(0x520f), Optional.of("NRF52-77"), Optional.of("1-2.4"));
        PortIdentity adapter = new PortIdentity("/dev/ttyUSB0", Optional.of(0x0403), Optional.of(0x6001), Optional.of("FT12AB"), Optional.of("1-3"));
        BoardPorts ports = new ListedPorts(List.of(adapter, board));

        assertThat(PortBinding.parse("location:1-2.4").locate(ports)).contains(board);
        assertThat(PortBinding.parse("serial:NRF52-77").locate(ports)).contains(board);
        assertThat(PortBinding.parse("serial:FT12AB").locate(ports)).contains(adapter);
        assertThat(PortBinding.parse("location:1-9").locate(ports)).isEmpty();
    }

    /** Ports as a fixed list: PortBinding only lists. */
    private record ListedPorts(List<PortIdentity> ports) implements BoardPorts {
        @Override
        public List<PortIdentity> list() {
            return ports;
        }

        @Override
        public AutoCloseable watch(Duration debounce, Consumer<PortEvent> listener) {
            throw new UnsupportedOperationException("not watched here");
        }

        @Override
        public Transport transport(PortIdentity port, int baud) {
            throw new UnsupportedOperationException("not opened here");
        }

        @Override
        public void close() {
        }
    }
}
