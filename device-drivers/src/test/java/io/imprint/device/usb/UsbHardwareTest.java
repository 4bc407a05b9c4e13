package io.imprint.device.usb;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.device.transport.PortIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Talks to a real board, when one is plugged in and named: {@code IMPRINT_USB_BOARD=0483:5740}, and
 * optionally {@code IMPRINT_USB_INTERFACE=2} for a board whose protocol is not on its vendor-specific
 * interface. Skipped everywhere else. Asserts nothing about the board's protocol, only that the USB
 * path works end to end.
 */
@EnabledIf("boardPresent")
final class UsbHardwareTest {

    static boolean boardPresent() {
        String id = System.getenv("IMPRINT_USB_BOARD");
        if (id == null || id.isBlank()) {
            return false;
        }
        try (UsbBus bus = UsbBus.open()) {
            return !bus.devices(filter()).isEmpty();
        }
    }

    @Test
    void bytesGoOutAndAReadReturnsWithinItsTimeout() throws Exception {
        try (UsbBus bus = UsbBus.open()) {
            List<PortIdentity> boards = bus.devices(filter());
            assertThat(boards).isNotEmpty();
            PortIdentity board = boards.getFirst();
            try (UsbBulkTransport t = bus.transport(board, spec())) {
                t.open();
                t.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] buffer = new byte[256];
                assertThat(t.read(buffer, 0, buffer.length, Duration.ofSeconds(1))).isGreaterThanOrEqualTo(0);
            }
        }
    }

    private static UsbFilter filter() {
        return UsbFilter.of(UsbId.parse(System.getenv("IMPRINT_USB_BOARD")));
    }

    private static UsbInterfaceSpec spec() {
        String number = System.getenv("IMPRINT_USB_INTERFACE");
        return number == null || number.isBlank() ? UsbInterfaceSpec.vendorClass() : UsbInterfaceSpec.number(Integer.parseInt(number.strip()));
    }
}
