package io.imprint.device.usb;

/**
 * A registered {@link UsbHotplugListener}; closing it stops the calls.
 *
 * <p>Thread-safe.
 */
public interface UsbWatch extends AutoCloseable {

    /** Stops the calls (one already running may finish); never throws; safe to call twice. */
    @Override
    void close();
}
