package io.imprint.station.engine;

import io.imprint.device.transport.PortIdentity;
import io.imprint.device.transport.Transport;
import io.imprint.device.transport.TransportException;
import java.time.Duration;

/** A real transport that is "pulled out" on its n-th write: the write fails as a vanished board's does. */
final class PullingTransport implements Transport {

    private final Transport real;
    private final int pullAtWrite;
    private int writes;

    PullingTransport(Transport real, int pullAtWrite) {
        this.real = real;
        this.pullAtWrite = pullAtWrite;
    }

    @Override
    public PortIdentity identity() {
        return real.identity();
    }

    @Override
    public void open() throws TransportException {
        real.open();
    }

    @Override
    public boolean isOpen() {
        return real.isOpen();
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) throws TransportException {
        return real.read(buffer, offset, length, timeout);
    }

    @Override
    public void write(byte[] data, int offset, int length) throws TransportException {
        if (++writes == pullAtWrite) {
            // Half the frame leaves before the cable does.
            real.write(data, offset, length / 2);
            real.close();
            throw new TransportException(identity().path(), TransportException.Kind.DISCONNECTED, 5, "board pulled (test)");
        }
        real.write(data, offset, length);
    }

    @Override
    public void close() {
        real.close();
    }
}
