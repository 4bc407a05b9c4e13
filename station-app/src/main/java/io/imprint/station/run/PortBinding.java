package io.imprint.station.run;

import io.imprint.device.port.BoardPorts;
import io.imprint.device.transport.PortIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a slot finds its port: by path (a udev by-path link, a pty link), or by a USB adapter's serial
 * number or physical location, which survive the tty renumbering of a re-plug. USB bulk boards (no tty
 * at all) are bound the same way. Stored as text
 * ({@code path:/dev/…}, {@code serial:…}, {@code location:1-2.4}) in the station's settings.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface PortBinding {

    /** The port now, if it is there: a path that exists, or the listed port with this serial number or location. */
    Optional<PortIdentity> locate(BoardPorts ports);

    /** For the operator: {@code USB serial FT12AB}, {@code /dev/ttyUSB0}, {@code socket-1} (never a temp folder's path). */
    String describe();

    /** The stored form, read back by {@link #parse}. */
    String encode();

    record ByPath(Path path) implements PortBinding {
        @Override
        public Optional<PortIdentity> locate(BoardPorts ports) {
            return Files.exists(path) ? Optional.of(PortIdentity.ofPath(path.toString())) : Optional.empty();
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
        public Optional<PortIdentity> locate(BoardPorts ports) {
            return ports.list().stream().filter(id -> id.serialNumber().filter(serialNumber::equals).isPresent()).findFirst();
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
        public Optional<PortIdentity> locate(BoardPorts ports) {
            return ports.list().stream().filter(id -> id.physicalLocation().filter(location::equals).isPresent()).findFirst();
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
}
