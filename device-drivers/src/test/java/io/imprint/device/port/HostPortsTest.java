package io.imprint.device.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.device.pty.PtyPair;
import io.imprint.device.serial.JSerialCommPort;
import io.imprint.device.transport.PortIdentity;
import io.imprint.device.transport.Transport;
import io.imprint.device.usb.UsbBulkTransport;
import io.imprint.device.usb.UsbFilter;
import io.imprint.device.usb.UsbId;
import io.imprint.device.usb.UsbInterfaceSpec;
import io.imprint.device.watch.PortEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The station's one port onto boards: listing, watching, and which transport a port gets. */
class HostPortsTest {

    private static final PortIdentity FTDI = new PortIdentity("/dev/ttyUSB7", Optional.of(0x0403), Optional.of(0x6001), Optional.of("FT12AB"),
            Optional.of("1-2.4"));

    @Test
    void aWatchReportsPortsAlreadyThereThenTheOnesThatComeAndGo() throws Exception {
        List<PortIdentity> present = new CopyOnWriteArrayList<>(List.of(PortIdentity.ofPath("/dev/ttyS0")));
        BlockingQueue<PortEvent> events = new LinkedBlockingQueue<>();
        try (HostPorts ports = new HostPorts(() -> List.copyOf(present), null, UsbFilter.none(), UsbInterfaceSpec.vendorClass());
             AutoCloseable watch = ports.watch(Duration.ZERO, events::add)) {
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo(new PortEvent.Attached(PortIdentity.ofPath("/dev/ttyS0")));

            present.add(FTDI);
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo(new PortEvent.Attached(FTDI));
            assertThat(ports.list()).contains(FTDI);

            present.remove(FTDI);
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo(new PortEvent.Detached(FTDI));
        }
    }

    @Test
    void aFailingSourceListsNothingRatherThanThrowing() {
        try (HostPorts ports = new HostPorts(() -> {
            throw new IllegalStateException("sysfs went away");
        }, null, UsbFilter.none(), UsbInterfaceSpec.vendorClass())) {
            assertThat(ports.list()).isEmpty();
        }
    }

    @Test
    void serialPortsGetASerialTransportAndUsbBoardsABulkOne() {
        try (HostPorts ports = HostPorts.open(UsbFilter.of(new UsbId(0x1915, 0x520f)), UsbInterfaceSpec.vendorClass())) {
            assertThat(ports.transport(FTDI, 115200)).isInstanceOf(JSerialCommPort.class);
            PortIdentity board = new PortIdentity("usb:1-2.4", Optional.of(0x1915), Optional.of(0x520f), Optional.of("NRF1"), Optional.of("1-2.4"));
            assertThat(ports.transport(board, 115200)).isInstanceOf(UsbBulkTransport.class);
        }
    }

    @Test
    void aUsbBoardWithNoUsbVendorIdsConfiguredIsRefusedSayingSo() {
        try (HostPorts ports = HostPorts.open(UsbFilter.none(), UsbInterfaceSpec.vendorClass())) {
            assertThatThrownBy(() -> ports.transport(PortIdentity.ofPath("usb:1-2"), 115200)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no USB vendor ids are configured");
        }
    }

    /** This machine has no /sys/bus/usb: the host lists no USB boards and opening one fails as NOT_FOUND, not with a crash. */
    @Test
    void withoutUsbOnTheHostNoUsbBoardIsListed() {
        try (HostPorts ports = HostPorts.open(UsbFilter.of(new UsbId(0x1915, 0x520f)), UsbInterfaceSpec.vendorClass())) {
            assertThat(ports.list()).noneMatch(p -> p.path().startsWith("usb:"));
        }
    }

    @Test
    void aPtyOpenedThroughThePortCarriesBytesBothWays() throws Exception {
        try (PtyPair pair = PtyPair.open();
             HostPorts ports = HostPorts.open(UsbFilter.none(), UsbInterfaceSpec.vendorClass());
             Transport board = ports.transport(PortIdentity.ofPath(pair.slavePath()), 115200)) {
            board.open();
            board.write("HELLO".getBytes(StandardCharsets.US_ASCII));
            byte[] got = new byte[5];
            int n = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (n < 5 && System.nanoTime() < deadline) {
                n += pair.master().read(got, n, 5 - n, Duration.ofMillis(500));
            }
            assertThat(new String(got, 0, n, StandardCharsets.US_ASCII)).isEqualTo("HELLO");
        }
    }
}
