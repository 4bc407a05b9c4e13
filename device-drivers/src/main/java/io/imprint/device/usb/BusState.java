package io.imprint.device.usb;

import org.usb4java.Context;

/**
 * Where a {@link UsbBus} is: libusb up, no USB to be had (and why), or closed.
 *
 * <p>Immutable and thread-safe.
 */
sealed interface BusState {

    record Ready(Context context, LibUsbHotplug hotplug, boolean hotplugSupported) implements BusState {
    }

    record Unavailable(String reason) implements BusState {
    }

    record Closed() implements BusState {
    }
}
