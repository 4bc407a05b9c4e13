package io.imprint.device.serial;

import io.imprint.device.transport.TransportException.Kind;
import java.time.Duration;
import java.util.Optional;

/**
 * What the errno values jSerialComm records mean to the station. Kept apart from the port so the
 * mapping can be read, and tested, without a device.
 *
 * <p>Stateless and thread-safe.
 */
final class SerialErrors {

    static final int ENOENT = 2;
    private static final int EPERM = 1;
    private static final int EIO = 5;
    private static final int ENXIO = 6;
    private static final int EAGAIN = 11;
    private static final int EACCES = 13;
    private static final int EBUSY = 16;
    private static final int ENODEV = 19;
    private static final int ENOTTY = 25;
    private static final int EPIPE = 32;

    private static final Duration A_YEAR = Duration.ofDays(365);

    private SerialErrors() {
    }

    /** {@code timeout} in nanoseconds, negative as zero and at most a year, so deadlines cannot overflow. */
    static long boundedNanos(Duration timeout) {
        return timeout.isNegative() ? 0 : timeout.compareTo(A_YEAR) > 0 ? A_YEAR.toNanos() : timeout.toNanos();
    }

    /** Why an open failed. */
    static Kind openKind(int errno, boolean pathExists) {
        if (!pathExists) {
            return Kind.NOT_FOUND;
        }
        return switch (errno) {
            // EAGAIN is flock's answer when another process holds the port's exclusive lock.
            case EPERM, EACCES, EBUSY, EAGAIN -> Kind.BUSY;
            // The path is there, so ENOENT is jSerialComm's own code for "already open in this process".
            case ENOENT -> Kind.BUSY;
            default -> Kind.IO;
        };
    }

    /** Why a read or write failed: the device went away, or something else. */
    static Kind transferKind(int errno, boolean portStillOpen, boolean pathExists) {
        if (!pathExists || !portStillOpen) {
            return Kind.DISCONNECTED;
        }
        return switch (errno) {
            // A hung-up tty (cable pulled, USB adapter gone, pty master closed) fails with these.
            case EIO, ENXIO, ENODEV, EPIPE -> Kind.DISCONNECTED;
            default -> Kind.IO;
        };
    }

    /** {@code read failed: EIO (jSerialComm native line 812)}. */
    static String describe(String what, int errno, int nativeLine) {
        return what + " failed: " + name(errno) + " (at jSerialComm native line " + nativeLine + ")";
    }

    /** A USB id jSerialComm knows; it reports -1 (and some platforms 0) for none. */
    static Optional<Integer> usbId(int id) {
        return id > 0 ? Optional.of(id) : Optional.empty();
    }

    /** A text jSerialComm knows; it reports null, blank or "Unknown" for none. */
    static Optional<String> known(String text) {
        if (text == null || text.isBlank() || text.equalsIgnoreCase("unknown")) {
            return Optional.empty();
        }
        return Optional.of(text.strip());
    }

    /** A physical location jSerialComm knows; "0-0" (or "0-0.0") is its placeholder for none. */
    static Optional<String> location(String text) {
        return known(text).filter(l -> !l.matches("0-0([.:].*)?"));
    }

    static String name(int errno) {
        return switch (errno) {
            case 0 -> "no error code";
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case EIO -> "EIO";
            case ENXIO -> "ENXIO";
            case EAGAIN -> "EAGAIN";
            case EACCES -> "EACCES";
            case EBUSY -> "EBUSY";
            case ENODEV -> "ENODEV";
            case ENOTTY -> "ENOTTY (not a terminal)";
            case EPIPE -> "EPIPE";
            default -> "errno " + errno;
        };
    }
}
