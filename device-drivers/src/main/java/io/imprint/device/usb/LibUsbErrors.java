package io.imprint.device.usb;

import io.imprint.device.transport.PortIdentity;
import io.imprint.device.transport.TransportException;
import io.imprint.device.transport.TransportException.Kind;
import org.usb4java.LibUsb;

/**
 * Turns libusb error codes into {@link TransportException}s that name the device and the libusb error.
 *
 * <p>Stateless and thread-safe.
 */
final class LibUsbErrors {

    private LibUsbErrors() {
    }

    /**
     * What the session should make of a libusb error. Timeouts are not errors at this level (a read
     * that timed out returns 0), so callers handle {@code LIBUSB_ERROR_TIMEOUT} before asking.
     */
    static Kind kindOf(int libusbError) {
        // The LibUsb constants are compile-time constants: this method does not load the native library.
        return switch (libusbError) {
            case LibUsb.ERROR_NO_DEVICE -> Kind.DISCONNECTED;
            case LibUsb.ERROR_ACCESS, LibUsb.ERROR_BUSY -> Kind.BUSY;
            case LibUsb.ERROR_NOT_FOUND -> Kind.NOT_FOUND;
            default -> Kind.IO;
        };
    }

    /**
     * {@code usb:1-2.4: bulk IN 0x81 failed on 0483:5740 at 1-2.4: LIBUSB_ERROR_NO_DEVICE (native error -4)}.
     */
    static TransportException failure(PortIdentity device, String what, int libusbError) {
        return failure(device, kindOf(libusbError), what, libusbError);
    }

    static TransportException failure(PortIdentity device, Kind kind, String what, int libusbError) {
        return new TransportException(device.path(), kind, libusbError,
                what + " on " + UsbNames.idAndLocation(device) + ": " + name(libusbError));
    }

    /** libusb's own name for the code, e.g. {@code LIBUSB_ERROR_NO_DEVICE}. */
    static String name(int libusbError) {
        try {
            return LibUsb.errorName(libusbError);
        } catch (LinkageError e) {
            // Only reached if the native library never loaded; the code still identifies the error.
            return "LIBUSB_ERROR " + libusbError;
        }
    }
}
