package io.imprint.device.transport;

import java.util.Optional;

/**
 * Who a port is. {@code path} is what the OS calls it now ({@code /dev/ttyUSB0}, {@code usb:1-2.4});
 * the USB ids, serial number and physical location (bus and port chain, e.g. {@code 1-2.4}) are known
 * for USB devices and let a slot be bound to a socket on the fixture rather than to a tty name that
 * renumbers on every re-plug.
 */
public record PortIdentity(String path, Optional<Integer> vendorId, Optional<Integer> productId,
                           Optional<String> serialNumber, Optional<String> physicalLocation) {

    /** A port known only by its path (a pty, a plain UART). */
    public static PortIdentity ofPath(String path) {
        return new PortIdentity(path, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** {@code /dev/ttyUSB0 (0483:5740 SN 1234 at 1-2.4)}: for logs and operator screens. */
    public String describe() {
        StringBuilder b = new StringBuilder(path);
        if (vendorId.isPresent() || serialNumber.isPresent() || physicalLocation.isPresent()) {
            b.append(" (");
            vendorId.ifPresent(v -> b.append(String.format("%04x:%04x", v, productId.orElse(0))));
            serialNumber.ifPresent(s -> b.append(" SN ").append(s));
            physicalLocation.ifPresent(l -> b.append(" at ").append(l));
            b.append(')');
        }
        return b.toString();
    }
}
