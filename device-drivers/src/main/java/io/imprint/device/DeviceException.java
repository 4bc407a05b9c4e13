package io.imprint.device;

/**
 * The checked exception of the device drivers. Messages name the port and, where one exists, the
 * native or protocol error code, in words an operator's screen can show.
 *
 * <p>Immutable and thread-safe.
 */
public class DeviceException extends Exception {

    public DeviceException(String message) {
        super(message);
    }

    public DeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
