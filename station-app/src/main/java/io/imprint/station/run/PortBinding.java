package io.imprint.station.run;

import io.imprint.device.serial.JSerialCommPort;
import io.imprint.device.transport.PortIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * How a slot finds its port: by path (a udev by-path link, a pty link), or by a USB adapter's serial
 * number or physical location, which survive the tty renumbering of a re-plug. Stored as text
 * ({@code path:/dev/…}, {@code serial:…}, {@code location:1-2.4}) in the station's settings.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface PortBinding {

    /** The port's path now, if the port is there. */
    Optional<Path> locate();

    /** For the operator: {@code USB serial FT12AB}, {@code /dev/ttyUSB0}, {@code socket-1} (never a temp folder's path). */
    String describe();

    /** The stored form, read back by {@link #parse}. */
    String encode();

    record ByPath(Path path) implements PortBinding {
        @Override
        public Optional<Path> locate() {
            return Files.exists(path) ? Optional.of(path) : Optional.empty();
        }

        /** A device node as technicians know it ({@code /dev/ttyUSB0}); anything else, a fixture's socket, by its name. */
        @Override
        public String describe() {
            Path name = path.getFileName();
            return path.startsWith("/dev") || name == null ? path.toString() : name.toString();
        }

        @Override
        public String encode() {
            return "path:" + path;
        }
    }

    record BySerial(String serialNumber) implements PortBinding {
        @Override
        public Optional<Path> locate() {
            return scan(id -> id.serialNumber().filter(serialNumber::equals).isPresent());
        }

        @Override
        public String describe() {
            return "USB serial " + serialNumber;
        }

        @Override
        public String encode() {
            return "serial:" + serialNumber;
        }
    }

    record ByLocation(String location) implements PortBinding {
        @Override
        public Optional<Path> locate() {
            return scan(id -> id.physicalLocation().filter(location::equals).isPresent());
        }

        @Override
        public String describe() {
            return "USB port " + location;
        }

        @Override
        public String encode() {
            return "location:" + location;
        }
    }

    /** {@code path:…}, {@code serial:…}, {@code location:…}; a bare path is a path. */
    static PortBinding parse(String text) {
        String t = text.strip();
        if (t.startsWith("serial:")) {
            return new BySerial(requireValue(t.substring(7), text));
        }
        if (t.startsWith("location:")) {
            return new ByLocation(requireValue(t.substring(9), text));
        }
        return new ByPath(Path.of(requireValue(t.startsWith("path:") ? t.substring(5) : t, text)));
    }

    private static String requireValue(String value, String text) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("port binding '" + text + "' names no port (use path:/dev/…, serial:… or location:1-2.4)");
        }
        return value.strip();
    }

    private static Optional<Path> scan(Predicate<PortIdentity> match) {
        List<PortIdentity> ports = PortScan.current();
        return ports.stream().filter(match).findFirst().map(id -> Path.of(id.path()));
    }

    /** One listing of the serial ports shared by every slot for half a second: each slot polls 20 times a second. */
    final class PortScan {
        private static final long TTL_NANOS = 500_000_000L;
        private static List<PortIdentity> last = List.of();
        private static long takenAt;

        private PortScan() {
        }

        static synchronized List<PortIdentity> current() {
            long now = System.nanoTime();
            if (takenAt == 0 || now - takenAt > TTL_NANOS) {
                last = JSerialCommPort.list();
                takenAt = now;
            }
            return last;
        }
    }
}
