package io.imprint.device.usb;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.usb4java.Context;
import org.usb4java.HotplugCallbackHandle;
import org.usb4java.LibUsb;

/**
 * libusb hotplug for one bus: an event thread that lets libusb run its callbacks, and a dispatcher
 * thread that names the devices and calls the listeners (libusb forbids the serial-number read inside
 * its callback).
 *
 * <p>Thread-safe.
 */
final class LibUsbHotplug {

    private static final Logger log = LoggerFactory.getLogger(LibUsbHotplug.class);
    private static final long EVENT_WAIT_MICROS = 200_000;

    private final Context ctx;
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("usb-hotplug").factory());
    private final Map<HotplugCallbackHandle, LibUsbWatch> watches = new ConcurrentHashMap<>();
    private Thread events; // guarded by this
    private volatile boolean running = true;

    LibUsbHotplug(Context ctx) {
        this.ctx = ctx;
    }

    /** Registers {@code listener}; devices already present are reported as attached first. */
    synchronized Optional<UsbWatch> watch(UsbFilter filter, UsbHotplugListener listener) {
        if (!running) {
            return Optional.empty();
        }
        startEvents();
        HotplugCallbackHandle handle = new HotplugCallbackHandle();
        LibUsbWatch watch = new LibUsbWatch(filter, listener, dispatcher, () -> forget(handle));
        // One registration for any id: libusb matches a single vendor:product, the allowlist may name several.
        int rc = LibUsb.hotplugRegisterCallback(ctx,
                LibUsb.HOTPLUG_EVENT_DEVICE_ARRIVED | LibUsb.HOTPLUG_EVENT_DEVICE_LEFT, LibUsb.HOTPLUG_ENUMERATE,
                LibUsb.HOTPLUG_MATCH_ANY, LibUsb.HOTPLUG_MATCH_ANY, LibUsb.HOTPLUG_MATCH_ANY, watch, null, handle);
        if (rc != LibUsb.SUCCESS) {
            log.warn("USB hotplug registration failed: {} ({}); poll the device list instead", LibUsbErrors.name(rc), rc);
            return Optional.empty();
        }
        watches.put(handle, watch);
        return Optional.of(watch);
    }

    private void forget(HotplugCallbackHandle handle) {
        if (watches.remove(handle) != null) {
            LibUsb.hotplugDeregisterCallback(ctx, handle);
        }
    }

    private void startEvents() {
        if (events == null) {
            events = Thread.ofPlatform().daemon().name("usb-events").start(this::handleEvents);
        }
    }

    private void handleEvents() {
        while (running) {
            int rc = LibUsb.handleEventsTimeout(ctx, EVENT_WAIT_MICROS);
            if (rc < 0 && rc != LibUsb.ERROR_INTERRUPTED && running) {
                log.warn("USB event handling failed: {} ({})", LibUsbErrors.name(rc), rc);
                sleepQuietly();
            }
        }
    }

    /** Stops the threads; the caller exits libusb afterwards. */
    void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = events;
        }
        watches.values().forEach(LibUsbWatch::close);
        if (t != null) {
            LibUsb.interruptEventHandler(ctx);
            joinQuietly(t);
        }
        // Not shutdownNow: queued arrivals hold device references that their task gives back.
        dispatcher.shutdown();
        try {
            dispatcher.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
