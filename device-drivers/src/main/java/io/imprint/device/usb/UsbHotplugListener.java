package io.imprint.device.usb;

import io.imprint.device.transport.PortIdentity;

/**
 * Told when an allowed board comes or goes. Calls come one at a time, in the order libusb saw the
 * events, on the bus's own hotplug thread: a listener returns quickly and hands real work elsewhere.
 * {@code detached} gets the same {@link PortIdentity} {@code attached} got for that board.
 *
 * <p>Implementations need not be thread-safe with respect to these calls.
 */
public interface UsbHotplugListener {

    void attached(PortIdentity device);

    void detached(PortIdentity device);
}
