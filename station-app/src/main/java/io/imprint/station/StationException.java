package io.imprint.station;

/**
 * The root of the station's checked exceptions, as {@code DeviceException} is the device drivers' and
 * {@code CaException} the CA's: a store that cannot record, a board's failure, a refused batch, account,
 * claim, label, report, export or registry call. A caller that only needs to say "the station could not"
 * catches this one; each subclass keeps the reason its own callers act on. Messages are in words an
 * operator or supervisor can read, and never carry a PIN, password or key.
 *
 * <p>Immutable and thread-safe.
 */
public class StationException extends Exception {

    public StationException(String message) {
        super(message);
    }

    public StationException(String message, Throwable cause) {
        super(message, cause);
    }
}
