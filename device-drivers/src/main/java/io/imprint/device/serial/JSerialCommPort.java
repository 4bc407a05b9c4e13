package io.imprint.device.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import io.imprint.device.transport.PortIdentity;
import io.imprint.device.transport.Transport;
import io.imprint.device.transport.TransportException;
import io.imprint.device.transport.TransportException.Kind;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serial port through jSerialComm, the one class that knows the library. Its boolean and -1 failures
 * become {@link TransportException}s that name the port and carry the errno jSerialComm recorded.
 *
 * <p>Thread-safe as {@link Transport} requires: one reader, one writer, and {@link #close()} from any
 * thread. Each native read waits at most {@link #SLICE_MILLIS} (jSerialComm's semi-blocking mode), so a
 * close is seen within one slice; close waits for calls in flight before the descriptor is released.
 */
public final class JSerialCommPort implements Transport {

    /** The longest one native read waits; jSerialComm counts read timeouts in tenths of a second. */
    static final int SLICE_MILLIS = 100;
    /** How long close waits for a writer stuck behind a full output buffer before closing anyway. */
    private static final long CLOSE_GRACE_MILLIS = 2000;
    private static final Logger log = LoggerFactory.getLogger(JSerialCommPort.class);

    private final PortIdentity identity;
    private final SerialSettings settings;
    /** Shared by reads and writes in flight, exclusive for close. */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private volatile PortState state = new PortState.Unopened();

    public JSerialCommPort(PortIdentity identity, SerialSettings settings) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The system's serial ports, with USB ids, serial number and location where known; empty on failure. */
    public static List<PortIdentity> list() {
        try {
            List<PortIdentity> found = new ArrayList<>();
            for (SerialPort p : SerialPort.getCommPorts()) {
                found.add(identityOf(p));
            }
            return List.copyOf(found);
        } catch (RuntimeException | LinkageError e) {
            // A station without serial ports, or whose native library will not load, lists none.
            log.warn("cannot list serial ports: {}", e.toString());
            return List.of();
        }
    }

    /**
     * Runs {@code hook} at JVM shutdown before jSerialComm's own hook closes every open port: the JVM starts
     * shutdown hooks all at once, so an ordinary one would race the library closing ports under a reader,
     * which reads as a line error. jSerialComm runs the hooks given to it first, one at a time, then closes.
     * Where the library will not load there are no serial ports to close, and it is an ordinary hook.
     */
    public static void beforeCloseAtExit(Thread hook) {
        try {
            SerialPort.addShutdownHook(hook);
        } catch (LinkageError e) {
            log.warn("jSerialComm is not available ({}): the station's shutdown hook is an ordinary one", e.toString());
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    @Override
    public PortIdentity identity() {
        return identity;
    }

    @Override
    public synchronized void open() throws TransportException {
        switch (state) {
            case PortState.Opened _ -> {
                return;
            }
            case PortState.Closed _ -> throw closedError();
            case PortState.Unopened _ -> { }
        }
        String path = identity.path();
        // jSerialComm refuses a missing path before any native call, leaving no last error to ask for,
        // and first quietly tries /dev/<name> instead; a pinned path must not move, so check here.
        if (!exists()) {
            throw notFound(null);
        }
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw notFound(e);
        }
        configure(port);
        if (!port.openPort()) {
            int code = port.getLastErrorCode();
            throw new TransportException(path, SerialErrors.openKind(code, exists()), code,
                    SerialErrors.describe("open", code, port.getLastErrorLocation()));
        }
        state = new PortState.Opened(port);
    }

    private void configure(SerialPort port) throws TransportException {
        int flow = switch (settings.flowControl()) {
            case NONE -> SerialPort.FLOW_CONTROL_DISABLED;
            case RTS_CTS -> SerialPort.FLOW_CONTROL_RTS_ENABLED | SerialPort.FLOW_CONTROL_CTS_ENABLED;
            case XON_XOFF -> SerialPort.FLOW_CONTROL_XONXOFF_IN_ENABLED | SerialPort.FLOW_CONTROL_XONXOFF_OUT_ENABLED;
        };
        int parity = switch (settings.parity()) {
            case NONE -> SerialPort.NO_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
        };
        int stopBits = settings.stopBits() == SerialSettings.StopBits.ONE ? SerialPort.ONE_STOP_BIT : SerialPort.TWO_STOP_BITS;
        if (!port.setComPortParameters(settings.baudRate(), settings.dataBits(), stopBits, parity)
                || !port.setFlowControl(flow)
                || !port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, SLICE_MILLIS, 0)) {
            int code = port.getLastErrorCode();
            throw new TransportException(identity.path(), Kind.IO, code,
                    SerialErrors.describe("applying " + settings.describe(), code, port.getLastErrorLocation()));
        }
    }

    @Override
    public boolean isOpen() {
        return state instanceof PortState.Opened;
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) throws TransportException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        long deadline = System.nanoTime() + SerialErrors.boundedNanos(timeout);
        while (true) {
            int n = readSlice(buffer, offset, length, deadline - System.nanoTime() <= 0);
            if (n > 0 || length == 0 || deadline - System.nanoTime() <= 0) {
                return n;
            }
        }
    }

    /** One native read of at most one slice; with {@code noWait}, only what is already buffered. */
    private int readSlice(byte[] buffer, int offset, int length, boolean noWait) throws TransportException {
        Lock shared = gate.readLock();
        shared.lock();
        try {
            SerialPort port = openPort();
            if (noWait || length == 0) {
                int available = port.bytesAvailable();
                if (available < 0) {
                    throw failure(port, "bytesAvailable");
                }
                if (available == 0 || length == 0) {
                    return 0;
                }
            }
            int n = port.readBytes(buffer, length, offset);
            if (n < 0) {
                throw failure(port, "read");
            }
            // A quiet line and a vanished device both read 0 bytes; only the latter fails FIONREAD.
            if (n == 0 && port.bytesAvailable() < 0) {
                throw failure(port, "bytesAvailable");
            }
            return n;
        } finally {
            shared.unlock();
        }
    }

    @Override
    public void write(byte[] data, int offset, int length) throws TransportException {
        Objects.checkFromIndexSize(offset, length, data.length);
        Lock shared = gate.readLock();
        shared.lock();
        try {
            SerialPort port = openPort();
            // jSerialComm loops until everything is written or a write fails.
            int n = length == 0 ? 0 : port.writeBytes(data, length, offset);
            if (n != length) {
                throw failure(port, "write (" + Math.max(n, 0) + " of " + length + " bytes)");
            }
        } finally {
            shared.unlock();
        }
    }

    @Override
    public void close() {
        SerialPort port;
        synchronized (this) {
            if (!(state instanceof PortState.Opened(SerialPort opened))) {
                state = new PortState.Closed();
                return;
            }
            port = opened;
            state = new PortState.Closed();
        }
        Lock exclusive = gate.writeLock();
        boolean locked = false;
        try {
            locked = exclusive.tryLock(CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (!locked) {
                log.warn("{}: closing without waiting for a call in flight (a write blocked in the driver?)", identity.path());
            }
            if (!port.closePort()) {
                log.warn("{}: close failed (native error {} at jSerialComm line {})", identity.path(),
                        port.getLastErrorCode(), port.getLastErrorLocation());
            }
        } finally {
            if (locked) {
                exclusive.unlock();
            }
        }
    }

    /** A failed read or write: DISCONNECTED when the device went away, IO otherwise. */
    private TransportException failure(SerialPort port, String what) {
        if (port.getLastErrorCode() == 0) {
            // A hung-up tty reads 0 bytes and then fails FIONREAD, whose errno jSerialComm's read does not
            // keep; its bytesAvailable does, so ask again to have a code to report.
            port.bytesAvailable();
        }
        int code = port.getLastErrorCode();
        Kind kind = SerialErrors.transferKind(code, port.isOpen(), exists());
        return new TransportException(identity.path(), kind, code, SerialErrors.describe(what, code, port.getLastErrorLocation()));
    }

    private boolean exists() {
        try {
            return Files.exists(Path.of(identity.path()));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static PortIdentity identityOf(SerialPort p) {
        return new PortIdentity(p.getSystemPortPath(), SerialErrors.usbId(p.getVendorID()), SerialErrors.usbId(p.getProductID()),
                SerialErrors.known(p.getSerialNumber()), SerialErrors.location(p.getPortLocation()));
    }

    private SerialPort openPort() throws TransportException {
        if (state instanceof PortState.Opened(SerialPort port)) {
            return port;
        }
        throw closedError();
    }

    /** ENOENT is what open(2) says of a missing path. */
    private TransportException notFound(Exception cause) {
        return new TransportException(identity.path(), Kind.NOT_FOUND, SerialErrors.ENOENT, "open failed: no such port (ENOENT)", cause);
    }

    private TransportException closedError() {
        return new TransportException(identity.path(), Kind.CLOSED, 0,
                state instanceof PortState.Unopened ? "not open" : "closed");
    }

    /** Where the port is in its one-way life. */
    private sealed interface PortState {
        record Unopened() implements PortState { }

        record Opened(SerialPort port) implements PortState { }

        record Closed() implements PortState { }
    }
}
