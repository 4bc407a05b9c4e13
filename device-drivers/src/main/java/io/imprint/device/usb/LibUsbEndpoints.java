package io.imprint.device.usb;

import io.imprint.device.transport.PortIdentity;
import io.imprint.device.transport.TransportException;
import io.imprint.device.transport.TransportException.Kind;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.usb4java.BufferUtils;
import org.usb4java.DeviceHandle;
import org.usb4java.LibUsb;

/**
 * {@link BulkEndpoints} on a libusb device handle with a claimed interface: synchronous
 * {@code libusb_bulk_transfer}s through direct buffers, one set per direction.
 *
 * <p>Thread-safe as {@link BulkEndpoints} requires. Transfers hold the read side of a lock and
 * {@link #close()} the write side, so the handle is never freed under a transfer in flight (libusb would
 * touch freed memory).
 */
final class LibUsbEndpoints implements BulkEndpoints {

    private static final Logger log = LoggerFactory.getLogger(LibUsbEndpoints.class);

    private final PortIdentity device;
    private final DeviceHandle handle;
    private final BulkInterface bulk;
    private final Runnable onClose;
    private final ReadWriteLock inUse = new ReentrantReadWriteLock();
    private final Direction in = new Direction();
    private final Direction out = new Direction();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A direct buffer and its transferred-count cell; each used by one thread at a time. */
    private static final class Direction {
        ByteBuffer buffer = BufferUtils.allocateByteBuffer(16 * 1024);
        final IntBuffer transferred = BufferUtils.allocateIntBuffer();

        ByteBuffer buffer(int length) {
            if (buffer.capacity() < length) {
                buffer = BufferUtils.allocateByteBuffer(length);
            }
            return buffer.clear().limit(length);
        }
    }

    /** @param onClose runs after the handle is closed (the bus forgets the endpoints) */
    LibUsbEndpoints(PortIdentity device, DeviceHandle handle, BulkInterface bulk, Runnable onClose) {
        this.device = device;
        this.handle = handle;
        this.bulk = bulk;
        this.onClose = onClose;
    }

    @Override
    public int inMaxPacketSize() {
        return bulk.inMaxPacketSize();
    }

    @Override
    public int in(byte[] buffer, int offset, int length, int timeoutMillis) throws TransportException {
        inUse.readLock().lock();
        try {
            requireOpen("bulk IN");
            ByteBuffer b = in.buffer(length);
            int n = transfer(bulk.inEndpoint(), b, in.transferred, timeoutMillis, "bulk IN");
            b.get(0, buffer, offset, n);
            return n;
        } finally {
            inUse.readLock().unlock();
        }
    }

    @Override
    public int out(byte[] data, int offset, int length, int timeoutMillis) throws TransportException {
        inUse.readLock().lock();
        try {
            requireOpen("bulk OUT");
            ByteBuffer b = out.buffer(length);
            b.put(0, data, offset, length);
            return transfer(bulk.outEndpoint(), b, out.transferred, timeoutMillis, "bulk OUT");
        } finally {
            inUse.readLock().unlock();
        }
    }

    private int transfer(int endpoint, ByteBuffer b, IntBuffer transferred, int timeoutMillis, String what)
            throws TransportException {
        transferred.put(0, 0);
        int rc = LibUsb.bulkTransfer(handle, (byte) endpoint, b, transferred, Math.max(1, timeoutMillis));
        int n = transferred.get(0);
        if (rc == LibUsb.SUCCESS || rc == LibUsb.ERROR_TIMEOUT) {
            // A timed-out transfer may still have moved whole packets; they count.
            return n;
        }
        throw LibUsbErrors.failure(device, what + " " + UsbNames.endpoint(endpoint) + " of " + bulk.describe()
                + " failed after " + n + " bytes", rc);
    }

    private void requireOpen(String what) throws TransportException {
        if (closed.get()) {
            throw new TransportException(device.path(), Kind.CLOSED, 0, what + " after close on " + UsbNames.idAndLocation(device));
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        inUse.writeLock().lock();
        try {
            int rc = LibUsb.releaseInterface(handle, bulk.number());
            if (rc != LibUsb.SUCCESS && rc != LibUsb.ERROR_NO_DEVICE) {
                log.warn("{}: releasing {} failed: {} ({})", device.describe(), bulk.describe(), LibUsbErrors.name(rc), rc);
            }
            // With auto-detach set at open, libusb re-attaches the kernel driver on release.
            LibUsb.close(handle);
        } finally {
            inUse.writeLock().unlock();
            onClose.run();
        }
    }
}
