package io.imprint.device.port;

import io.imprint.device.serial.JSerialCommPort;
import io.imprint.device.serial.SerialSettings;
import io.imprint.device.transport.PortIdentity;
import io.imprint.device.transport.Transport;
import io.imprint.device.usb.UsbBus;
import io.imprint.device.usb.UsbFilter;
import io.imprint.device.usb.UsbInterfaceSpec;
import io.imprint.device.watch.PortEvent;
import io.imprint.device.watch.PortWatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The host's boards: serial ports through jSerialComm, USB bulk boards through libusb. A USB board's path
 * is {@code usb:<location>}, which is how {@link #transport} tells the two apart.
 *
 * <p>One listing is shared for {@link #LISTING_TTL}: every slot looks for its board several times a
 * second, and a listing walks sysfs (and libusb's device list) each time.
 *
 * <p>Thread-safe.
 */
public final class HostPorts implements BoardPorts {

    static final Duration LISTING_TTL = Duration.ofMillis(250);
    private static final Duration WATCH_INTERVAL = Duration.ofMillis(100);
    private static final String USB_PREFIX = "usb:";

    private final Supplier<List<PortIdentity>> serial;
    private final UsbBus usb;
    private final UsbFilter usbBoards;
    private final UsbInterfaceSpec usbInterface;
    private final List<PortWatcher> watches = new ArrayList<>(); // guarded by this
    private List<PortIdentity> last = List.of(); // guarded by this
    private long listedAt; // guarded by this
    private boolean closed; // guarded by this

    /**
     * The host's ports: serial ports always, USB bulk boards whose ids {@code usbBoards} allows (none when
     * it is empty, the default: USB adapters then show as serial ports), on the interface {@code usbInterface} names.
     */
    public static HostPorts open(UsbFilter usbBoards, UsbInterfaceSpec usbInterface) {
        return new HostPorts(JSerialCommPort::list, usbBoards.isEmpty() ? null : UsbBus.open(), usbBoards, usbInterface);
    }

    HostPorts(Supplier<List<PortIdentity>> serial, UsbBus usb, UsbFilter usbBoards, UsbInterfaceSpec usbInterface) {
        this.serial = Objects.requireNonNull(serial, "serial");
        this.usb = usb;
        this.usbBoards = usbBoards;
        this.usbInterface = usbInterface;
    }

    @Override
    public synchronized List<PortIdentity> list() {
        long now = System.nanoTime();
        if (listedAt == 0 || now - listedAt > LISTING_TTL.toNanos()) {
            List<PortIdentity> found = new ArrayList<>(safely(serial));
            if (usb != null) {
                found.addAll(safely(() -> usb.devices(usbBoards)));
            }
            last = List.copyOf(found);
            listedAt = now;
        }
        return last;
    }

    private static List<PortIdentity> safely(Supplier<List<PortIdentity>> source) {
        try {
            return source.get();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    @Override
    public synchronized AutoCloseable watch(Duration debounce, Consumer<PortEvent> listener) {
        if (closed) {
            throw new IllegalStateException("the host's ports are closed");
        }
        PortWatcher watcher = new PortWatcher(this::list, debounce, WATCH_INTERVAL, listener);
        watches.add(watcher);
        watcher.start();
        return () -> {
            watcher.close();
            synchronized (this) {
                watches.remove(watcher);
            }
        };
    }

    @Override
    public Transport transport(PortIdentity port, int baud) {
        if (port.path().startsWith(USB_PREFIX)) {
            if (usb == null) {
                throw new IllegalArgumentException(port.describe() + " is a USB bulk board, but no USB vendor ids are configured");
            }
            return usb.transport(port, usbInterface);
        }
        return new JSerialCommPort(port, SerialSettings.of(baud));
    }

    /** jSerialComm closes every port it opened in a shutdown hook of its own; {@code hook} runs before that. */
    @Override
    public void beforePortsCloseAtExit(Thread hook) {
        JSerialCommPort.beforeCloseAtExit(hook);
    }

    @Override
    public void close() {
        List<PortWatcher> open;
        synchronized (this) {
            closed = true;
            open = List.copyOf(watches);
            watches.clear();
        }
        open.forEach(PortWatcher::close);
        if (usb != null) {
            usb.close();
        }
    }
}
