package io.imprint.device.usb;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.device.transport.PortIdentity;
import io.imprint.device.transport.TransportException;
import io.imprint.device.transport.TransportException.Kind;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.usb4java.LibUsb;

final class LibUsbErrorsTest {

    @Test
    void libusbErrorsMapToWhatTheSessionActsOn() {
        assertThat(LibUsbErrors.kindOf(LibUsb.ERROR_NO_DEVICE)).isEqualTo(Kind.DISCONNECTED);
        assertThat(LibUsbErrors.kindOf(LibUsb.ERROR_ACCESS)).isEqualTo(Kind.BUSY);
        assertThat(LibUsbErrors.kindOf(LibUsb.ERROR_BUSY)).isEqualTo(Kind.BUSY);
        assertThat(LibUsbErrors.kindOf(LibUsb.ERROR_NOT_FOUND)).isEqualTo(Kind.NOT_FOUND);
        assertThat(LibUsbErrors.kindOf(LibUsb.ERROR_PIPE)).isEqualTo(Kind.IO);
        assertThat(LibUsbErrors.kindOf(LibUsb.ERROR_OVERFLOW)).isEqualTo(Kind.IO);
        assertThat(LibUsbErrors.kindOf(LibUsb.ERROR_IO)).isEqualTo(Kind.IO);
    }

    @Test
    void messagesNameTheDeviceAndTheLibusbError() {
        PortIdentity board = new PortIdentity("usb:1-2.4", Optional.of(0x0483), Optional.of(0x5740),
                Optional.empty(), Optional.of("1-2.4"));
        TransportException e = LibUsbErrors.failure(board, "bulk IN 0x81 failed", LibUsb.ERROR_NO_DEVICE);
        assertThat(e.kind()).isEqualTo(Kind.DISCONNECTED);
        assertThat(e.nativeErrorCode()).isEqualTo(LibUsb.ERROR_NO_DEVICE);
        assertThat(e.port()).isEqualTo("usb:1-2.4");
        // errorName is native; on a host where libusb4java loads it says LIBUSB_ERROR_NO_DEVICE.
        assertThat(e.getMessage()).contains("usb:1-2.4", "0483:5740 at 1-2.4", "LIBUSB_ERROR", "-4");
    }
}
