package io.imprint.device.usb;

import io.imprint.device.transport.TransportException;

/**
 * A claimed pair of bulk endpoints: the only thing {@link UsbBulkTransport} needs from libusb, so its
 * logic runs against an in-memory fake as well as against a board.
 *
 * <p>Implementations allow one thread in {@link #in} and another in {@link #out} at the same time,
 * plus {@link #close()} from any thread. {@code close()} may wait for transfers in flight to end, so
 * callers keep their timeouts short (a fraction of a second) and loop.
 */
interface BulkEndpoints {

    /**
     * The IN endpoint's max packet size. {@link #in} lengths should be a multiple of it: a device
     * sending a full packet into a smaller buffer is an overflow error, not a short read.
     */
    int inMaxPacketSize();

    /**
     * Receives up to {@code length} bytes in one bulk IN transfer, which ends at a short packet, at
     * {@code length}, or at the timeout.
     *
     * @param timeoutMillis at least 1 (libusb reads 0 as "wait forever")
     * @return bytes received before the timeout; 0 when none came
     * @throws TransportException DISCONNECTED when the device is gone, CLOSED after {@link #close()}
     */
    int in(byte[] buffer, int offset, int length, int timeoutMillis) throws TransportException;

    /**
     * Sends up to {@code length} bytes in one bulk OUT transfer.
     *
     * @param timeoutMillis at least 1 (libusb reads 0 as "wait forever")
     * @return bytes the device took before the timeout: {@code length} when all went, 0 when it took
     *     none; the caller sends the rest again, so a partial count must be exact
     * @throws TransportException DISCONNECTED when the device is gone, CLOSED after {@link #close()}
     */
    int out(byte[] data, int offset, int length, int timeoutMillis) throws TransportException;

    /** Releases the interface and the device; never throws; safe to call twice. */
    void close();
}
