package io.imprint.device.transport;

import java.time.Duration;

/**
 * A byte pipe to one board: serial, USB bulk, or a pseudo-terminal. The provisioning protocol runs
 * over any of them.
 *
 * <p>Implementations allow one reader thread and one writer thread at a time, plus {@link #close()}
 * from any thread (which wakes a blocked reader with {@link TransportException.Kind#CLOSED}).
 */
public interface Transport extends AutoCloseable {

    PortIdentity identity();

    /** Opens the port; a second call is a no-op. */
    void open() throws TransportException;

    boolean isOpen();

    /**
     * Reads up to {@code length} bytes, waiting at most {@code timeout} for the first byte.
     *
     * @return the number of bytes read; 0 when the timeout passed with nothing to read
     * @throws TransportException DISCONNECTED when the board went away, CLOSED after close
     */
    int read(byte[] buffer, int offset, int length, Duration timeout) throws TransportException;

    /** Writes all of {@code data} or throws. */
    void write(byte[] data, int offset, int length) throws TransportException;

    default void write(byte[] data) throws TransportException {
        write(data, 0, data.length);
    }

    /** Closes the port; never throws; safe to call twice. */
    @Override
    void close();
}
