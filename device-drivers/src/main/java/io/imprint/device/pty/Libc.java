package io.imprint.device.pty;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The few libc calls a pseudo-terminal needs, through the FFM API. Every call returns its result
 * together with the errno it left, captured at the call so another thread or the JVM cannot clobber it.
 * Constants are Linux's (x86-64 and AArch64 share them).
 *
 * <p>Thread-safe: stateless apart from the immutable method handles.
 */
@SuppressWarnings("restricted") // calling libc is this class's job; surefire and the launcher enable native access
final class Libc {

    static final int O_RDWR = 0x2;
    static final int O_NOCTTY = 0x100;
    static final int O_NONBLOCK = 0x800;
    static final int O_CLOEXEC = 0x80000;
    static final short POLLIN = 0x1;
    static final short POLLOUT = 0x4;
    static final int EINTR = 4;
    static final int EIO = 5;
    static final int EAGAIN = 11;
    /** Set in a {@link #poll(int, short, int, int)} result when the wake-up descriptor fired. */
    static final int WOKEN = 0x10000;
    private static final int EFD_NONBLOCK = 0x800;
    private static final int EFD_CLOEXEC = 0x80000;

    private static final int F_SETFD = 2;
    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    private static final int FD_CLOEXEC = 1;
    private static final int TCSANOW = 0;
    /** Larger than any libc's struct termios (glibc's is 60 bytes); cfmakeraw fills in what it knows. */
    private static final long TERMIOS_SIZE = 256;

    /** What a call returned, and the errno it left when it failed (0 when it did not). */
    record Call(long value, int errno) {
        boolean failed() {
            return value < 0;
        }
    }

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle POSIX_OPENPT = handle("posix_openpt", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle GRANTPT = handle("grantpt", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle UNLOCKPT = handle("unlockpt", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle PTSNAME_R = handle("ptsname_r", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle OPEN = handle("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle READ = handle("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE = handle("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle POLL = handle("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle EVENTFD = handle("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle TCGETATTR = handle("tcgetattr", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle TCSETATTR = handle("tcsetattr", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle CFMAKERAW = LINKER.downcallHandle(symbol("cfmakeraw"), FunctionDescriptor.ofVoid(ADDRESS));
    // fcntl is variadic: its third argument must be passed the way C passes variadic ints.
    private static final MethodHandle FCNTL = handle("fcntl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT),
            Linker.Option.firstVariadicArg(2));

    private Libc() {
    }

    static Call posixOpenpt(int flags) {
        return call(POSIX_OPENPT, flags);
    }

    static Call grantpt(int fd) {
        return call(GRANTPT, fd);
    }

    static Call unlockpt(int fd) {
        return call(UNLOCKPT, fd);
    }

    /** The slave's path, or null with the error number in {@code error[0]}. */
    static String ptsname(int fd, int[] error) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(128);
            // ptsname_r returns the error number itself rather than -1 and errno.
            int rc = (int) invoke(PTSNAME_R, arena.allocate(CAPTURE), fd, buf, buf.byteSize());
            error[0] = rc;
            return rc == 0 ? buf.getString(0, StandardCharsets.UTF_8) : null;
        }
    }

    static Call open(String path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            return call(OPEN, arena.allocateFrom(path, StandardCharsets.UTF_8), flags);
        }
    }

    // read, write and poll are every byte's path: invokeExact, not call()'s invokeWithArguments, which
    // boxed and spread its arguments and took a quarter of a virtual board's CPU.

    static Call read(int fd, MemorySegment buf) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            return result((long) READ.invokeExact(state, fd, buf, buf.byteSize()), state);
        } catch (Throwable t) {
            throw linkFailure(READ, t);
        }
    }

    static Call write(int fd, MemorySegment buf) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            return result((long) WRITE.invokeExact(state, fd, buf, buf.byteSize()), state);
        } catch (Throwable t) {
            throw linkFailure(WRITE, t);
        }
    }

    private static Call poll(MemorySegment pfds, long count, int timeoutMillis) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            return result((int) POLL.invokeExact(state, pfds, count, timeoutMillis), state);
        } catch (Throwable t) {
            throw linkFailure(POLL, t);
        }
    }

    private static Call result(long value, MemorySegment state) {
        return new Call(value, value < 0 ? (int) ERRNO.get(state, 0L) : 0);
    }

    private static IllegalStateException linkFailure(MethodHandle handle, Throwable t) {
        // Only a mismatch between the descriptors and the arguments can get here: a bug, not an I/O error.
        return new IllegalStateException("libc call failed to link: " + handle.type(), t);
    }

    static Call close(int fd) {
        return call(CLOSE, fd);
    }

    /**
     * Waits up to {@code timeoutMillis} (negative: for ever) for {@code events} on {@code fd} or for
     * {@code wakeFd} to become readable; the value is fd's revents, with {@link #WOKEN} added when the
     * wake-up fired, and 0 on timeout. A wait needs no time slices, so an idle descriptor costs nothing.
     */
    static Call poll(int fd, short events, int wakeFd, int timeoutMillis) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pfds = arena.allocate(16, 4); // two struct pollfd { int fd; short events; short revents; }
            pfds.set(JAVA_INT, 0, fd);
            pfds.set(JAVA_SHORT, 4, events);
            pfds.set(JAVA_INT, 8, wakeFd);
            pfds.set(JAVA_SHORT, 12, POLLIN);
            Call c = poll(pfds, 2L, timeoutMillis);
            if (c.value() <= 0) {
                return c;
            }
            int woken = (pfds.get(JAVA_SHORT, 14) & 0xffff) != 0 ? WOKEN : 0;
            return new Call((pfds.get(JAVA_SHORT, 6) & 0xffff) | woken, 0);
        }
    }

    /** A non-blocking eventfd, counter 0: written once to wake every {@link #poll(int, short, int, int)} on it. */
    static Call eventfd() {
        return call(EVENTFD, 0, EFD_NONBLOCK | EFD_CLOEXEC);
    }

    /** Adds one to an eventfd's counter, making it readable until somebody reads it (nobody does). */
    static Call signal(int eventFd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment one = arena.allocate(8, 8);
            one.set(JAVA_LONG, 0, 1L);
            return write(eventFd, one);
        }
    }

    /** Raw mode: no echo, no signals, no CR/LF or XON/XOFF handling, eight data bits. */
    static Call makeRaw(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment termios = arena.allocate(TERMIOS_SIZE, 8);
            Call got = call(TCGETATTR, fd, termios);
            if (got.failed()) {
                return got;
            }
            invoke(CFMAKERAW, null, termios);
            return call(TCSETATTR, fd, TCSANOW, termios);
        }
    }

    /** Makes {@code fd} non-blocking and closed on exec. */
    static Call makeNonBlocking(int fd) {
        Call flags = call(FCNTL, fd, F_GETFL, 0);
        if (flags.failed()) {
            return flags;
        }
        Call set = call(FCNTL, fd, F_SETFL, (int) flags.value() | O_NONBLOCK);
        return set.failed() ? set : call(FCNTL, fd, F_SETFD, FD_CLOEXEC);
    }

    /** The symbolic name of the common errno values, for operator-readable messages. */
    static String errnoName(int errno) {
        return switch (errno) {
            case 1 -> "EPERM";
            case 2 -> "ENOENT";
            case EINTR -> "EINTR";
            case EIO -> "EIO";
            case 6 -> "ENXIO";
            case 9 -> "EBADF";
            case EAGAIN -> "EAGAIN";
            case 13 -> "EACCES";
            case 16 -> "EBUSY";
            case 19 -> "ENODEV";
            case 22 -> "EINVAL";
            case 24 -> "EMFILE";
            case 25 -> "ENOTTY";
            case 28 -> "ENOSPC";
            default -> "errno " + errno;
        };
    }

    private static Call call(MethodHandle handle, Object... args) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            long value = ((Number) invoke(handle, state, args)).longValue();
            return new Call(value, value < 0 ? (int) ERRNO.get(state, 0L) : 0);
        }
    }

    private static Object invoke(MethodHandle handle, MemorySegment state, Object... args) {
        Object[] all = args;
        if (state != null) {
            all = new Object[args.length + 1];
            all[0] = state;
            System.arraycopy(args, 0, all, 1, args.length);
        }
        try {
            return handle.invokeWithArguments(all);
        } catch (Throwable t) {
            // Only a mismatch between these descriptors and the arguments can get here: a bug, not an I/O error.
            throw new IllegalStateException("libc call failed to link: " + handle.type(), t);
        }
    }

    private static MethodHandle handle(String name, FunctionDescriptor fd, Linker.Option... extra) {
        Linker.Option[] options = new Linker.Option[extra.length + 1];
        options[0] = Linker.Option.captureCallState("errno");
        System.arraycopy(extra, 0, options, 1, extra.length);
        return LINKER.downcallHandle(symbol(name), fd, options);
    }

    private static MemorySegment symbol(String name) {
        SymbolLookup libc = LINKER.defaultLookup();
        return libc.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
    }
}
