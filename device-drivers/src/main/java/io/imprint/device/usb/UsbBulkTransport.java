package io.imprint.device.usb;

import io.imprint.device.transport.PortIdentity;
import io.imprint.device.transport.Transport;
import io.imprint.device.transport.TransportException;
import io.imprint.device.transport.TransportException.Kind;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Transport} over the bulk endpoints of a board's vendor interface. Get one from
 * {@link UsbBus#transport}; {@link #open()} opens the device and claims the interface. A closed
 * transport stays closed (the board may have re-enumerated meanwhile): ask the bus for a new one.
 *
 * <p>Thread-safe as {@link Transport} requires: one reader, one writer, and {@link #close()} from any
 * thread, which wakes a blocked reader or writer with CLOSED within about a tenth of a second.
 */
public final class UsbBulkTransport implements Transport {

    /** Opens the device and claims its endpoints; called by the first {@link #open()}. */
    @FunctionalInterface
    interface EndpointOpener {
        BulkEndpoints open() throws TransportException;
    }

    private static final Logger log = LoggerFactory.getLogger(UsbBulkTransport.class);

    // Short native waits are what make close() prompt: nothing wakes a thread out of a synchronous libusb transfer.
    private static final int SLICE_MILLIS = 100;
    private static final int WRITE_CHUNK = 16 * 1024;
    private static final Duration WRITE_STALL = Duration.ofSeconds(10);
    // Keeps the deadline arithmetic clear of overflow; a day is "forever" for a board.
    private static final long MAX_WAIT_MILLIS = Duration.ofDays(1).toMillis();

    private final PortIdentity identity;
    private final EndpointOpener opener;
    private final Duration writeStall;
    private final Object lifecycle = new Object();
    private volatile TransportState state = new TransportState.NotOpened();

    UsbBulkTransport(PortIdentity identity, EndpointOpener opener) {
        this(identity, opener, WRITE_STALL);
    }

    /** @param writeStall how long a write waits for a board that takes no data before it fails */
    UsbBulkTransport(PortIdentity identity, EndpointOpener opener, Duration writeStall) {
        this.identity = Objects.requireNonNull(identity);
        this.opener = Objects.requireNonNull(opener);
        this.writeStall = Objects.requireNonNull(writeStall);
    }

    @Override
    public PortIdentity identity() {
        return identity;
    }

    @Override
    public void open() throws TransportException {
        synchronized (lifecycle) {
            switch (state) {
                case TransportState.Open open -> {
                    // a second open is a no-op
                }
                case TransportState.Closed closed -> throw closedError();
                case TransportState.NotOpened notOpened -> {
                    BulkEndpoints endpoints = opener.open();
                    state = new TransportState.Open(endpoints, new PacketReader(endpoints));
                    log.debug("{}: open", identity.describe());
                }
            }
        }
    }

    @Override
    public boolean isOpen() {
        return state instanceof TransportState.Open;
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) throws TransportException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        TransportState.Open open = openState();
        if (length == 0) {
            return 0;
        }
        long deadline = System.nanoTime() + Math.min(timeout.toMillis(), MAX_WAIT_MILLIS) * 1_000_000;
        while (true) {
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
            int n;
            try {
                n = open.reader().read(buffer, offset, length, Math.clamp(leftMillis, 1, SLICE_MILLIS));
            } catch (TransportException e) {
                // Endpoints closed under a blocked reader report their own error; the caller asked for CLOSED.
                throw state == open ? e : closedError();
            }
            if (n > 0) {
                return n;
            }
            if (state != open) {
                throw closedError();
            }
            if (System.nanoTime() - deadline >= 0) {
                return 0;
            }
        }
    }

    @Override
    public void write(byte[] data, int offset, int length) throws TransportException {
        Objects.checkFromIndexSize(offset, length, data.length);
        TransportState.Open open = openState();
        long lastProgress = System.nanoTime();
        int done = 0;
        while (done < length) {
            int n;
            try {
                n = open.endpoints().out(data, offset + done, Math.min(WRITE_CHUNK, length - done), SLICE_MILLIS);
            } catch (TransportException e) {
                throw state == open ? e : closedError();
            }
            done += n;
            if (done < length && state != open) {
                throw closedError();
            }
            if (n > 0) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress >= writeStall.toNanos()) {
                // A board that stopped reading NAKs forever; without this the writer would hang the station.
                throw new TransportException(identity.path(), Kind.IO, 0, "the board took no data for "
                        + writeStall.toMillis() + " ms (" + done + " of " + length + " bytes sent) on "
                        + UsbNames.idAndLocation(identity));
            }
        }
    }

    @Override
    public void close() {
        TransportState was;
        synchronized (lifecycle) {
            was = state;
            state = new TransportState.Closed();
        }
        if (was instanceof TransportState.Open open) {
            // Outside the lock: the endpoints wait for transfers in flight, which end within a slice.
            try {
                open.endpoints().close();
            } catch (RuntimeException e) {
                log.warn("{}: closing the USB endpoints failed: {}", identity.describe(), e.toString());
            }
            log.debug("{}: closed", identity.describe());
        }
    }

    private TransportState.Open openState() throws TransportException {
        if (state instanceof TransportState.Open open) {
            return open;
        }
        throw closedError();
    }

    private TransportException closedError() {
        String what = state instanceof TransportState.NotOpened ? "not open" : "closed";
        return new TransportException(identity.path(), Kind.CLOSED, 0, what + " (" + UsbNames.idAndLocation(identity) + ")");
    }
}
