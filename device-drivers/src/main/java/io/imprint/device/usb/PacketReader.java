package io.imprint.device.usb;

import io.imprint.device.transport.TransportException;

/**
 * Reads bulk IN transfers in whole packets and hands them out in the sizes callers ask for. A USB
 * device sends whole packets; asking libusb for less than one is an overflow error, so a caller who
 * wants 4 bytes gets them from a 64-byte transfer and the other 60 wait here for the next read.
 *
 * <p>Not thread-safe: the transport's one reader thread owns it.
 */
final class PacketReader {

    private static final int MAX_TRANSFER = 16 * 1024;

    private final BulkEndpoints endpoints;
    private final int packet;
    private final byte[] chunk;
    private int start;
    private int end;

    PacketReader(BulkEndpoints endpoints) {
        this.endpoints = endpoints;
        this.packet = Math.max(1, endpoints.inMaxPacketSize());
        this.chunk = new byte[roundUpToPacket(Math.max(MAX_TRANSFER, packet))];
    }

    /**
     * Bytes left from an earlier transfer if there are any, else one transfer of the caller's length
     * rounded up to whole packets (so short requests do not wait for a transfer far larger than asked).
     *
     * @return bytes copied into {@code buffer}; 0 when the transfer timed out with nothing
     */
    int read(byte[] buffer, int offset, int length, int timeoutMillis) throws TransportException {
        if (start == end) {
            int want = roundUpToPacket(Math.min(length, chunk.length));
            start = 0;
            end = 0;
            end = endpoints.in(chunk, 0, want, timeoutMillis);
        }
        int n = Math.min(length, end - start);
        System.arraycopy(chunk, start, buffer, offset, n);
        start += n;
        return n;
    }

    private int roundUpToPacket(int n) {
        return Math.ceilDiv(n, packet) * packet;
    }
}
