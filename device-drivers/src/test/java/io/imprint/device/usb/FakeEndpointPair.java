package io.imprint.device.usb;

import io.imprint.device.transport.PortIdentity;
import io.imprint.device.transport.TransportContract;
import io.imprint.device.transport.TransportException;
import io.imprint.device.transport.TransportException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Two bulk pipes in memory with USB packet rules: the board sends whole packets of at most
 * {@link #MAX_PACKET} bytes, an IN transfer ends at a short packet, asking for less than the next
 * packet is an overflow (as in libusb), and the board takes OUT data only while its
 * {@link #BOARD_BUFFER}-byte receive buffer has room. For {@link UsbBulkTransport}'s logic, not for
 * libusb's.
 *
 * <p>Tests of a blocked read or write wait for {@link #awaitBlockedIn} / {@link #awaitBlockedOut}
 * rather than sleeping and hoping the transfer got there.
 *
 * <p>Thread-safe: one lock guards both pipes.
 */
final class FakeEndpointPair {

    static final int MAX_PACKET = 64;
    static final int BOARD_BUFFER = 4096;
    static final int IN = 0x81;
    static final int OUT = 0x01;
    // libusb's codes, so the fake's errors read like the real ones.
    static final int LIBUSB_ERROR_NO_DEVICE = -4;
    static final int LIBUSB_ERROR_OVERFLOW = -8;

    private final PortIdentity identity = new PortIdentity("usb:1-2.4", Optional.of(0x0483), Optional.of(0x5740),
            Optional.of("FAKE0001"), Optional.of("1-2.4"));
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<byte[]> toHost = new ArrayDeque<>();
    private final ByteArrayOutputStream toBoard = new ByteArrayOutputStream();
    private final Host host = new Host();
    private final Board board = new Board();
    private boolean unplugged;
    private boolean hostClosed;
    private int hostCloses;
    private int inRequestsBelowAPacket;
    /** Transfers inside {@link #awaitCounted}: they hold no lock there, so one seen under the lock is truly waiting. */
    private int inTransfersWaiting;
    private int outTransfersWaiting;

    PortIdentity identity() {
        return identity;
    }

    Host host() {
        return host;
    }

    Board board() {
        return board;
    }

    /** How often the host side was closed (the transport must close it exactly once). */
    int hostCloses() {
        return locked(() -> hostCloses);
    }

    /** IN transfers asked for fewer bytes than a packet: wasteful, and an overflow if a full packet came. */
    int inRequestsBelowAPacket() {
        return locked(() -> inRequestsBelowAPacket);
    }

    /**
     * Returns once a bulk IN transfer is waiting for the board to send, i.e. a reader is blocked.
     *
     * @throws AssertionError if none is within {@code within}
     */
    void awaitBlockedIn(Duration within) {
        awaitWaiting(() -> inTransfersWaiting, "bulk IN", within);
    }

    /**
     * Returns once a bulk OUT transfer is waiting for room in the board's buffer, i.e. a writer is blocked.
     *
     * @throws AssertionError if none is within {@code within}
     */
    void awaitBlockedOut(Duration within) {
        awaitWaiting(() -> outTransfersWaiting, "bulk OUT", within);
    }

    /** The host's end: what libusb would give {@link UsbBulkTransport}. */
    final class Host implements BulkEndpoints {

        @Override
        public int inMaxPacketSize() {
            return MAX_PACKET;
        }

        @Override
        public int in(byte[] buffer, int offset, int length, int timeoutMillis) throws TransportException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            lock.lock();
            try {
                if (length < MAX_PACKET) {
                    inRequestsBelowAPacket++;
                }
                int got = 0;
                while (true) {
                    check("bulk IN", IN);
                    while (!toHost.isEmpty() && got < length) {
                        byte[] packet = toHost.peek();
                        if (packet.length > length - got) {
                            throw new TransportException(identity.path(), Kind.IO, LIBUSB_ERROR_OVERFLOW,
                                    "bulk IN 0x81 overflow: " + packet.length + "-byte packet into " + (length - got)
                                            + " bytes on 0483:5740 at 1-2.4: LIBUSB_ERROR_OVERFLOW");
                        }
                        toHost.remove();
                        System.arraycopy(packet, 0, buffer, offset + got, packet.length);
                        got += packet.length;
                        if (packet.length < MAX_PACKET) {
                            return got; // a short packet ends the transfer
                        }
                    }
                    if (got == length) {
                        return got;
                    }
                    if (!awaitCounted(true, deadline)) {
                        return got;
                    }
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int out(byte[] data, int offset, int length, int timeoutMillis) throws TransportException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            lock.lock();
            try {
                int sent = 0;
                while (true) {
                    check("bulk OUT", OUT);
                    while (sent < length) {
                        int packet = Math.min(MAX_PACKET, length - sent);
                        if (BOARD_BUFFER - toBoard.size() < packet) {
                            break;
                        }
                        toBoard.write(data, offset + sent, packet);
                        sent += packet;
                        changed.signalAll();
                    }
                    if (sent == length) {
                        return sent;
                    }
                    if (!awaitCounted(false, deadline)) {
                        return sent;
                    }
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                hostClosed = true;
                hostCloses++;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        private void check(String what, int endpoint) throws TransportException {
            if (hostClosed) {
                throw new TransportException(identity.path(), Kind.CLOSED, 0, what + " after close");
            }
            if (unplugged) {
                throw new TransportException(identity.path(), LibUsbErrors.kindOf(LIBUSB_ERROR_NO_DEVICE), LIBUSB_ERROR_NO_DEVICE,
                        what + " " + UsbNames.endpoint(endpoint) + " failed on 0483:5740 at 1-2.4: LIBUSB_ERROR_NO_DEVICE");
            }
        }
    }

    /** The board's end, as the transport contract drives it. */
    final class Board implements TransportContract.Peer {

        @Override
        public void send(byte[] data) throws IOException {
            lock.lock();
            try {
                if (unplugged) {
                    throw new IOException("board unplugged");
                }
                for (int off = 0; off < data.length; off += MAX_PACKET) {
                    toHost.add(Arrays.copyOfRange(data, off, Math.min(data.length, off + MAX_PACKET)));
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public byte[] receive(int n, Duration timeout) throws TimeoutException {
            long deadline = System.nanoTime() + timeout.toNanos();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            lock.lock();
            try {
                // Drain as bytes come: a board's firmware empties its buffer as it goes, freeing room for more.
                while (true) {
                    byte[] all = toBoard.toByteArray();
                    int take = Math.min(all.length, n - got.size());
                    got.write(all, 0, take);
                    toBoard.reset();
                    toBoard.write(all, take, all.length - take);
                    changed.signalAll();
                    if (got.size() == n) {
                        return got.toByteArray();
                    }
                    if (!await(deadline)) {
                        throw new TimeoutException("board got " + got.size() + " of " + n + " bytes in " + timeout);
                    }
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void unplug() {
            lock.lock();
            try {
                unplugged = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            unplug();
        }
    }

    /** Waits for a change until {@code deadline}; false once it has passed. Caller holds the lock. */
    private boolean await(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        try {
            changed.awaitNanos(left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    /**
     * {@link #await} for a transfer, counted as waiting meanwhile (and announced, for
     * {@link #awaitWaiting}). Caller holds the lock.
     */
    private boolean awaitCounted(boolean in, long deadline) {
        if (in) {
            inTransfersWaiting++;
        } else {
            outTransfersWaiting++;
        }
        changed.signalAll();
        try {
            return await(deadline);
        } finally {
            if (in) {
                inTransfersWaiting--;
            } else {
                outTransfersWaiting--;
            }
        }
    }

    /**
     * Waits under the lock until {@code waiting} is positive. The transfer counted it and then released
     * the lock only by awaiting, so seeing it here means the transfer is in its wait, not on its way.
     */
    private void awaitWaiting(java.util.function.IntSupplier waiting, String what, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        lock.lock();
        try {
            while (waiting.getAsInt() == 0) {
                if (!await(deadline)) {
                    throw new AssertionError("no " + what + " transfer blocked within " + within);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private <T> T locked(java.util.function.Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }
}
