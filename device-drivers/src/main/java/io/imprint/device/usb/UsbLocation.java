package io.imprint.device.usb;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where a device sits: its bus and the chain of hub ports from the root to it ({@code 1-2.4} is bus 1,
 * root port 2, hub port 4). Unlike the device address, it survives a re-plug into the same socket of
 * the fixture, so slots bind to it.
 *
 * <p>Immutable and thread-safe.
 */
record UsbLocation(int bus, List<Integer> ports) {

    private static final String SCHEME = "usb:";

    UsbLocation {
        ports = List.copyOf(ports);
        if (bus < 0 || ports.isEmpty()) {
            // Root hubs have no port chain; they are never boards.
            throw new IllegalArgumentException("a USB location needs a bus and at least one port: bus " + bus + ", ports " + ports);
        }
        if (ports.stream().anyMatch(p -> p < 1 || p > 255)) {
            throw new IllegalArgumentException("USB port numbers run from 1 to 255: bus " + bus + ", ports " + ports);
        }
    }

    /** {@code 1-2.4}: the physical location in a {@link io.imprint.device.transport.PortIdentity}. */
    String physical() {
        return bus + "-" + ports.stream().map(String::valueOf).collect(Collectors.joining("."));
    }

    /** {@code usb:1-2.4}: the path in a {@link io.imprint.device.transport.PortIdentity}. */
    String path() {
        return SCHEME + physical();
    }

    /**
     * Reads {@code 1-2.4} or {@code usb:1-2.4}.
     *
     * @throws IllegalArgumentException naming the text when it is neither
     */
    static UsbLocation parse(String text) {
        String t = text.startsWith(SCHEME) ? text.substring(SCHEME.length()) : text;
        int dash = t.indexOf('-');
        try {
            if (dash <= 0 || dash == t.length() - 1) {
                throw new NumberFormatException();
            }
            int bus = Integer.parseInt(t.substring(0, dash));
            List<Integer> ports = Arrays.stream(t.substring(dash + 1).split("\\.", -1))
                    .map(Integer::parseInt)
                    .toList();
            return new UsbLocation(bus, ports);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a USB location (want bus-port.port, e.g. 1-2.4): \"" + text + "\"");
        }
    }
}
