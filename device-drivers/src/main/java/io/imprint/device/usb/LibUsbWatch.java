package io.imprint.device.usb;

import io.imprint.device.transport.PortIdentity;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.usb4java.Context;
import org.usb4java.Device;
import org.usb4java.DeviceDescriptor;
import org.usb4java.HotplugCallback;
import org.usb4java.LibUsb;

/**
 * One hotplug registration: filters libusb's events and passes them to the listener on the dispatcher.
 *
 * <p>Thread-safe: libusb calls {@link #processEvent} on its event thread, the dispatcher runs the
 * listener and owns {@code known}, {@link #close()} comes from anywhere.
 */
final class LibUsbWatch implements HotplugCallback, UsbWatch {

    private static final Logger log = LoggerFactory.getLogger(LibUsbWatch.class);
    private static final int KEEP_REGISTERED = 0;

    private final UsbFilter filter;
    private final UsbHotplugListener listener;
    private final Executor dispatcher;
    private final Runnable deregister;
    private final Map<String, PortIdentity> known = new HashMap<>(); // dispatcher thread only
    private final AtomicBoolean closed = new AtomicBoolean();

    LibUsbWatch(UsbFilter filter, UsbHotplugListener listener, Executor dispatcher, Runnable deregister) {
        this.filter = filter;
        this.listener = listener;
        this.dispatcher = dispatcher;
        this.deregister = deregister;
    }

    @Override
    public int processEvent(Context context, Device device, int event, Object userData) {
        if (closed.get()) {
            return KEEP_REGISTERED;
        }
        // Inside a libusb callback: descriptors and topology are cached and safe, I/O is not.
        Optional<DeviceDescriptor> descriptor = LibUsbDevices.descriptor(device);
        Optional<UsbLocation> location = LibUsbDevices.location(device);
        if (descriptor.isEmpty() || location.isEmpty()
                || !filter.matches(descriptor.get().idVendor(), descriptor.get().idProduct())) {
            return KEEP_REGISTERED;
        }
        if (event == LibUsb.HOTPLUG_EVENT_DEVICE_ARRIVED) {
            Device ref = LibUsb.refDevice(device);
            dispatch(() -> arrived(ref, descriptor.get(), location.get()), () -> LibUsb.unrefDevice(ref));
        } else if (event == LibUsb.HOTPLUG_EVENT_DEVICE_LEFT) {
            PortIdentity bare = LibUsbDevices.identity(device, descriptor.get(), location.get(), false);
            dispatch(() -> left(bare), () -> { });
        }
        return KEEP_REGISTERED;
    }

    private void arrived(Device ref, DeviceDescriptor descriptor, UsbLocation location) {
        try {
            if (closed.get()) {
                return;
            }
            PortIdentity device = LibUsbDevices.identity(ref, descriptor, location, true);
            known.put(device.path(), device);
            listener.attached(device);
        } finally {
            LibUsb.unrefDevice(ref);
        }
    }

    private void left(PortIdentity bare) {
        // The serial number cannot be read from a device that is gone: report the name it arrived with.
        PortIdentity seen = known.remove(bare.path());
        if (!closed.get()) {
            listener.detached(seen != null ? seen : bare);
        }
    }

    private void dispatch(Runnable task, Runnable ifDropped) {
        try {
            dispatcher.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.warn("USB hotplug listener failed: {}", e.toString(), e);
                }
            });
        } catch (RuntimeException e) {
            // The bus is closing and the dispatcher took no more work.
            ifDropped.run();
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            deregister.run();
        }
    }
}
