package io.imprint.device.pty;

import io.imprint.device.transport.PortIdentity;
import io.imprint.device.transport.Transport;
import io.imprint.device.transport.TransportException;
import io.imprint.device.transport.TransportException.Kind;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * A {@link Transport} over one non-blocking file descriptor of a pseudo-terminal: the board's end of a
 * {@link PtyPair}, or (for tests and tools) a host-side view of a pty slave that leaves its termios alone.
 *
 * <p>Thread-safe as {@link Transport} requires: one reader, one writer, and {@link #close()} from any
 * thread. Waits poll the descriptor together with an eventfd that close() signals, so an idle
 * transport costs no wake-ups (a farm of hundreds of idle virtual boards used to spend most of two
 * cores polling in 50 ms slices) and close() is seen at once. close() waits for calls in flight before
 * it closes the descriptor, so a reused descriptor number is never read by mistake.
 */
final class FdTransport implements Transport {

    private static final Duration A_YEAR = Duration.ofDays(365);
    /** poll() takes an int of milliseconds; longer waits are done in pieces of this. */
    private static final int LONGEST_POLL_MILLIS = 3_600_000;

    private final int fd;
    private final int wakeFd;
    private final PortIdentity identity;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Shared by calls in flight, exclusive for close. */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();

    /** Takes ownership of {@code fd}: closed with this transport, or at once if this fails. */
    FdTransport(int fd, PortIdentity identity) throws TransportException {
        Libc.Call wake = Libc.eventfd();
        if (wake.failed()) {
            Libc.close(fd);
            throw new TransportException(identity.path(), Kind.IO, wake.errno(), "eventfd failed: " + Libc.errnoName(wake.errno()));
        }
        this.fd = fd;
        this.wakeFd = (int) wake.value();
        this.identity = identity;
    }

    /** Opens {@code path} (a pty slave) read-write, non-blocking, without making it our controlling tty. */
    static FdTransport open(String path) throws TransportException {
        Libc.Call c = Libc.open(path, Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        if (c.failed()) {
            Kind kind = c.errno() == 2 ? Kind.NOT_FOUND : c.errno() == 13 || c.errno() == 16 ? Kind.BUSY : Kind.IO;
            throw new TransportException(path, kind, c.errno(), "open failed: " + Libc.errnoName(c.errno()));
        }
        return new FdTransport((int) c.value(), PortIdentity.ofPath(path));
    }

    @Override
    public PortIdentity identity() {
        return identity;
    }

    /** The descriptor is open from construction: nothing to do, except refuse after close. */
    @Override
    public void open() throws TransportException {
        if (closed.get()) {
            throw closedError();
        }
    }

    @Override
    public boolean isOpen() {
        return !closed.get();
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) throws TransportException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        // Negative counts as zero; longer than a year as a year, so the deadline cannot overflow.
        Duration wait = timeout.isNegative() ? Duration.ZERO : timeout.compareTo(A_YEAR) > 0 ? A_YEAR : timeout;
        long deadline = System.nanoTime() + wait.toNanos();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(Math.max(1, length));
            while (true) {
                // Rounded up, so a wait of less than a millisecond is not a busy loop of zero-timeout polls.
                long leftMillis = Math.ceilDiv(deadline - System.nanoTime(), 1_000_000L);
                int n = readOnce(buf.asSlice(0, length), (int) Math.clamp(leftMillis, 0, LONGEST_POLL_MILLIS));
                if (n > 0) {
                    MemorySegment.copy(buf, JAVA_BYTE, 0, buffer, offset, n);
                    return n;
                }
                if (length == 0 || deadline - System.nanoTime() <= 0) {
                    return 0;
                }
            }
        }
    }

    /** Waits up to {@code millis} for input (or close) and reads it; 0 when there was none. */
    private int readOnce(MemorySegment buf, int millis) throws TransportException {
        Lock shared = gate.readLock();
        shared.lock();
        try {
            ensureOpen();
            Libc.Call polled = Libc.poll(fd, Libc.POLLIN, wakeFd, millis);
            if (polled.failed()) {
                return retryable(polled.errno(), "poll");
            }
            if ((polled.value() & Libc.WOKEN) != 0) {
                throw closedError();
            }
            if (polled.value() == 0 || buf.byteSize() == 0) {
                return 0;
            }
            Libc.Call got = Libc.read(fd, buf);
            if (got.failed()) {
                return retryable(got.errno(), "read");
            }
            if (got.value() == 0) {
                throw new TransportException(identity.path(), Kind.DISCONNECTED, 0, "end of file: the other end is gone");
            }
            return (int) got.value();
        } finally {
            shared.unlock();
        }
    }

    @Override
    public void write(byte[] data, int offset, int length) throws TransportException {
        Objects.checkFromIndexSize(offset, length, data.length);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment all = arena.allocate(Math.max(1, length));
            MemorySegment.copy(data, offset, all, JAVA_BYTE, 0, length);
            long done = 0;
            while (done < length) {
                done += writeOnce(all.asSlice(done, length - done));
            }
        }
    }

    /** Writes what fits, first waiting for room if there is none; returns what was written. */
    private long writeOnce(MemorySegment rest) throws TransportException {
        Lock shared = gate.readLock();
        shared.lock();
        try {
            ensureOpen();
            Libc.Call put = Libc.write(fd, rest);
            if (!put.failed()) {
                return put.value();
            }
            if (put.errno() != Libc.EAGAIN) {
                return retryable(put.errno(), "write");
            }
            // Full: wait for room (or close); the next call writes.
            Libc.Call polled = Libc.poll(fd, Libc.POLLOUT, wakeFd, LONGEST_POLL_MILLIS);
            if (polled.failed()) {
                return retryable(polled.errno(), "poll");
            }
            if ((polled.value() & Libc.WOKEN) != 0) {
                throw closedError();
            }
            return 0;
        } finally {
            shared.unlock();
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Wakes every wait in flight; they leave, and only then may the numbers be released for reuse.
        Libc.signal(wakeFd);
        Lock exclusive = gate.writeLock();
        exclusive.lock();
        try {
            Libc.close(fd);
            Libc.close(wakeFd);
        } finally {
            exclusive.unlock();
        }
    }
    /** EINTR and EAGAIN mean "nothing this time"; anything else ends the transfer. */
    private int retryable(int errno, String call) throws TransportException {
        if (errno == Libc.EINTR || errno == Libc.EAGAIN) {
            return 0;
        }
        // EIO is how a pty reports that the other side hung up.
        Kind kind = errno == Libc.EIO || errno == 6 || errno == 19 ? Kind.DISCONNECTED : Kind.IO;
        throw new TransportException(identity.path(), kind, errno, call + " failed: " + Libc.errnoName(errno));
    }

    private void ensureOpen() throws TransportException {
        if (closed.get()) {
            throw closedError();
        }
    }

    private TransportException closedError() {
        return new TransportException(identity.path(), Kind.CLOSED, 0, "closed");
    }
}
