package io.imprint.station.bench;

import io.imprint.device.transport.PortIdentity;
import io.imprint.device.transport.Transport;
import io.imprint.device.transport.TransportException;
import java.time.Duration;

/**
 * A transport that adds up the time its caller spends waiting on the board (in reads and writes), so
 * the benchmark can tell the board's time from the station's own.
 *
 * <p>Not thread-safe: one slot thread uses it.
 */
final class TimedTransport implements Transport {

    private final Transport real;
    private long waitingNanos;

    TimedTransport(Transport real) {
        this.real = real;
    }

    long waitingNanos() {
        return waitingNanos;
    }

    @Override
    public PortIdentity identity() {
        return real.identity();
    }

    @Override
    public void open() throws TransportException {
        long t = System.nanoTime();
        try {
            real.open();
        } finally {
            waitingNanos += System.nanoTime() - t;
        }
    }

    @Override
    public boolean isOpen() {
        return real.isOpen();
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) throws TransportException {
        long t = System.nanoTime();
        try {
            return real.read(buffer, offset, length, timeout);
        } finally {
            waitingNanos += System.nanoTime() - t;
        }
    }

    @Override
    public void write(byte[] data, int offset, int length) throws TransportException {
        long t = System.nanoTime();
        try {
            real.write(data, offset, length);
        } finally {
            waitingNanos += System.nanoTime() - t;
        }
    }

    @Override
    public void close() {
        real.close();
    }
}
