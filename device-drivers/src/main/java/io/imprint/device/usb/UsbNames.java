package io.imprint.device.usb;

import io.imprint.device.transport.PortIdentity;
import java.util.Locale;

/**
 * How messages name a USB device and its endpoints.
 *
 * <p>Stateless and thread-safe.
 */
final class UsbNames {

    private UsbNames() {
    }

    /** {@code 0483:5740 SN 1234 at 1-2.4}, leaving out what is not known. */
    static String idAndLocation(PortIdentity device) {
        StringBuilder b = new StringBuilder();
        device.vendorId().ifPresent(v -> b.append(String.format(Locale.ROOT, "%04x:%04x", v, device.productId().orElse(0))));
        device.serialNumber().ifPresent(s -> b.append(b.isEmpty() ? "" : " ").append("SN ").append(s));
        b.append(b.isEmpty() ? "" : " ").append("at ").append(device.physicalLocation().orElse(device.path()));
        return b.toString();
    }

    /** {@code 0x81}: endpoint addresses as USB descriptors and {@code lsusb -v} show them. */
    static String endpoint(int address) {
        return String.format(Locale.ROOT, "0x%02x", address & 0xFF);
    }
}
