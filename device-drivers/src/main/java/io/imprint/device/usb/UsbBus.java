package io.imprint.device.usb;

import io.imprint.device.transport.PortIdentity;
import io.imprint.device.transport.TransportException;
import io.imprint.device.transport.TransportException.Kind;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.usb4java.Context;
import org.usb4java.LibUsb;

/**
 * The host's USB, through libusb: lists allowed boards, watches them come and go, opens bulk
 * transports to them. {@link #open()} never fails: on a host without USB, or where libusb will not
 * load, the bus is simply {@linkplain #available() unavailable} and empty, and serial boards still work.
 *
 * <p>Thread-safe. {@link #close()} closes the transports this bus opened, stops hotplug and ends libusb;
 * calls that need libusb hold off a concurrent close until they return.
 */
public final class UsbBus implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UsbBus.class);

    // Read side: any use of the libusb context. Write side: close, which frees it.
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Set<LibUsbEndpoints> open = ConcurrentHashMap.newKeySet();
    private volatile BusState state;

    private UsbBus(BusState state) {
        this.state = state;
    }

    /** Starts libusb; on failure logs one INFO line saying why and returns an unavailable bus. */
    public static UsbBus open() {
        Context context = new Context();
        int rc;
        try {
            rc = LibUsb.init(context);
        } catch (LinkageError | RuntimeException e) {
            // usb4java's loader throws LoaderException (wrapped in an ExceptionInInitializerError) on a missing .so.
            return unavailable("the libusb native library did not load: " + e);
        }
        if (rc != LibUsb.SUCCESS) {
            return unavailable("libusb_init failed: " + LibUsbErrors.name(rc) + " (" + rc + ")");
        }
        Optional<String> missing = HostUsb.missing();
        if (missing.isPresent()) {
            String version = LibUsb.getVersion().toString();
            LibUsb.exit(context);
            return unavailable(missing.get() + "; libusb " + version + " started but could never list a device");
        }
        boolean hotplug = LibUsb.hasCapability(LibUsb.CAP_HAS_HOTPLUG);
        log.debug("USB: libusb {} up, hotplug {}", LibUsb.getVersion(), hotplug ? "supported" : "not supported");
        return new UsbBus(new BusState.Ready(context, new LibUsbHotplug(context), hotplug));
    }

    private static UsbBus unavailable(String reason) {
        log.info("USB unavailable: {}; USB boards will not be found", reason);
        return new UsbBus(new BusState.Unavailable(reason));
    }

    /** True when libusb is up on a host that has USB. */
    public boolean available() {
        return state instanceof BusState.Ready;
    }

    /** Why the bus is not {@linkplain #available() available}, for status screens; empty when it is. */
    public Optional<String> unavailableReason() {
        return switch (state) {
            case BusState.Ready r -> Optional.empty();
            case BusState.Unavailable u -> Optional.of(u.reason());
            case BusState.Closed c -> Optional.of("the USB bus was closed");
        };
    }

    /** The boards {@code filter} allows, as they are now; empty when the bus is unavailable or closed. */
    public List<PortIdentity> devices(UsbFilter filter) {
        if (filter.isEmpty()) {
            return List.of();
        }
        lock.readLock().lock();
        try {
            return state instanceof BusState.Ready r ? LibUsbDevices.list(r.context(), filter) : List.of();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Whether {@link #watch} works here (libusb's HAS_HOTPLUG); if not, poll {@link #devices}. */
    public boolean hotplugSupported() {
        return state instanceof BusState.Ready r && r.hotplugSupported();
    }

    /**
     * Calls {@code listener} as allowed boards come and go, starting with an {@code attached} for each
     * one already present. Empty when hotplug is not supported here: poll {@link #devices} instead.
     */
    public Optional<UsbWatch> watch(UsbFilter filter, UsbHotplugListener listener) {
        lock.readLock().lock();
        try {
            return state instanceof BusState.Ready r && r.hotplugSupported() ? r.hotplug().watch(filter, listener) : Optional.empty();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * A transport to {@code device} (from {@link #devices} or a hotplug call) on the interface
     * {@code spec} names. Nothing is opened yet: {@link UsbBulkTransport#open()} finds the device, claims
     * the interface (detaching a kernel driver from it if needed) and fails with NOT_FOUND or BUSY.
     */
    public UsbBulkTransport transport(PortIdentity device, UsbInterfaceSpec spec) {
        return new UsbBulkTransport(device, () -> openEndpoints(device, spec));
    }

    private BulkEndpoints openEndpoints(PortIdentity device, UsbInterfaceSpec spec) throws TransportException {
        lock.readLock().lock();
        try {
            return switch (state) {
                case BusState.Ready r -> {
                    LibUsbEndpoints endpoints = LibUsbOpener.open(r.context(), device, spec, open::remove);
                    open.add(endpoints);
                    yield endpoints;
                }
                case BusState.Unavailable u -> throw new TransportException(device.path(), Kind.NOT_FOUND, 0,
                        "USB unavailable, cannot open " + UsbNames.idAndLocation(device) + ": " + u.reason());
                case BusState.Closed c -> throw new TransportException(device.path(), Kind.CLOSED, 0,
                        "the USB bus was closed, cannot open " + UsbNames.idAndLocation(device));
            };
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Closes the transports opened through this bus, stops hotplug, ends libusb; safe to call twice. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (state instanceof BusState.Ready r) {
                // Handles first: libusb_exit with devices still open leaks them and their claimed interfaces.
                List.copyOf(open).forEach(LibUsbEndpoints::close);
                r.hotplug().close();
                LibUsb.exit(r.context());
            }
            state = new BusState.Closed();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
