package io.imprint.device.pty;

import io.imprint.device.transport.PortIdentity;
import io.imprint.device.transport.Transport;
import io.imprint.device.transport.TransportException;
import io.imprint.device.transport.TransportException.Kind;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A pseudo-terminal pair standing in for a board on a serial cable. The host opens {@link #slavePath()}
 * as it would {@code /dev/ttyUSB0}; the board talks through {@link #master()}. Both ends are raw: no
 * echo, no signals, no CR/LF or XON/XOFF handling, all eight bits passed through.
 *
 * <p>The pair holds one slave descriptor of its own for its whole life. Without it the master would see
 * a hang-up (EIO) each time the host closes the port, and a host that closes and reopens, as the station
 * does between sessions, would find the board gone. Closing the master is the board being unplugged:
 * the host's reads then fail. Linux only.
 *
 * <p>Thread-safe: {@link #master()} is as thread-safe as any {@link Transport}, and {@link #close()} may
 * be called from any thread, any number of times.
 */
public final class PtyPair implements AutoCloseable {

    private static final String PTMX = "/dev/ptmx";

    private final String slavePath;
    private final FdTransport master;
    private final int heldSlaveFd;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PtyPair(String slavePath, FdTransport master, int heldSlaveFd) {
        this.slavePath = slavePath;
        this.master = master;
        this.heldSlaveFd = heldSlaveFd;
    }

    /** Makes a new pair, both ends raw. */
    public static PtyPair open() throws TransportException {
        Libc.Call opened = Libc.posixOpenpt(Libc.O_RDWR | Libc.O_NOCTTY);
        check(opened, PTMX, "posix_openpt");
        int masterFd = (int) opened.value();
        int slaveFd = -1;
        try {
            check(Libc.grantpt(masterFd), PTMX, "grantpt");
            check(Libc.unlockpt(masterFd), PTMX, "unlockpt");
            int[] error = new int[1];
            String path = Libc.ptsname(masterFd, error);
            if (path == null) {
                check(new Libc.Call(-1, error[0]), PTMX, "ptsname_r");
            }
            check(Libc.makeNonBlocking(masterFd), PTMX, "fcntl(O_NONBLOCK)");
            Libc.Call slave = Libc.open(path, Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_CLOEXEC);
            check(slave, path, "open");
            slaveFd = (int) slave.value();
            // On Linux both ends share one termios; setting it through each keeps the intent explicit.
            check(Libc.makeRaw(masterFd), path, "raw mode on the master");
            check(Libc.makeRaw(slaveFd), path, "raw mode on the slave");
            return new PtyPair(path, new FdTransport(masterFd, PortIdentity.ofPath("pty-master:" + path)), slaveFd);
        } catch (TransportException | RuntimeException e) {
            if (slaveFd >= 0) {
                Libc.close(slaveFd);
            }
            Libc.close(masterFd);
            throw e;
        }
    }

    /** Where the host opens the port, e.g. {@code /dev/pts/7}. */
    public String slavePath() {
        return slavePath;
    }

    /** The board's end. Closing it unplugs the board; it cannot be plugged back in. */
    public Transport master() {
        return master;
    }

    /** Unplugs the board if it still is plugged in and releases the pair's own slave descriptor. */
    @Override
    public void close() {
        master.close();
        if (closed.compareAndSet(false, true)) {
            Libc.close(heldSlaveFd);
        }
    }

    private static void check(Libc.Call call, String port, String what) throws TransportException {
        if (call.failed()) {
            int errno = call.errno();
            Kind kind = errno == 2 ? Kind.NOT_FOUND : errno == 13 || errno == 16 ? Kind.BUSY : Kind.IO;
            // ENOSPC from posix_openpt: every pty the kernel allows (/proc/sys/kernel/pty/max) is in use.
            String hint = errno == 28 ? " (all the system's pseudo-terminals are in use: see /proc/sys/kernel/pty/max)" : "";
            throw new TransportException(port, kind, errno, "cannot make a pseudo-terminal: " + what + " failed: "
                    + Libc.errnoName(errno) + hint);
        }
    }
}
