package io.imprint.device.usb;

import java.util.List;
import java.util.Optional;

/**
 * One alternate setting of one interface, copied out of libusb's config descriptor.
 *
 * <p>Immutable and thread-safe.
 */
record UsbInterfaceInfo(int number, int altSetting, int interfaceClass, List<UsbEndpointInfo> endpoints) {

    UsbInterfaceInfo {
        endpoints = List.copyOf(endpoints);
    }

    /** The first bulk IN and first bulk OUT endpoint, if this setting has both. */
    Optional<BulkInterface> bulkPair() {
        Optional<UsbEndpointInfo> in = endpoints.stream().filter(e -> e.isBulk() && e.isIn()).findFirst();
        Optional<UsbEndpointInfo> out = endpoints.stream().filter(e -> e.isBulk() && !e.isIn()).findFirst();
        if (in.isEmpty() || out.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BulkInterface(number, altSetting, in.get().address(), out.get().address(),
                in.get().maxPacketSize()));
    }
}
