package io.imprint.device.usb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the host has a USB subsystem at all. On Linux libusb (built with udev, as usb4java's is)
 * assumes {@code /dev/bus/usb} and initialises even where the kernel has no USB (containers, VMs
 * without a controller); it then sees no device, ever. This says so instead of a silent empty bus.
 *
 * <p>Stateless and thread-safe.
 */
final class HostUsb {

    private static final List<Path> LINUX_USB = List.of(Path.of("/sys/bus/usb"), Path.of("/dev/bus/usb"), Path.of("/proc/bus/usb"));

    private HostUsb() {
    }

    /** Why this host cannot have USB devices; empty when it may (or the OS is not one we can tell for). */
    static Optional<String> missing() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Optional.empty();
        }
        if (LINUX_USB.stream().anyMatch(Files::exists)) {
            return Optional.empty();
        }
        return Optional.of("the kernel shows no USB subsystem (none of /sys/bus/usb, /dev/bus/usb, /proc/bus/usb exists)");
    }
}
