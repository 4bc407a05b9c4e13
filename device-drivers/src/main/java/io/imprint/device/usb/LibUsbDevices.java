package io.imprint.device.usb;

import io.imprint.device.transport.PortIdentity;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.usb4java.BufferUtils;
import org.usb4java.Context;
import org.usb4java.Device;
import org.usb4java.DeviceDescriptor;
import org.usb4java.DeviceHandle;
import org.usb4java.DeviceList;
import org.usb4java.LibUsb;

/**
 * Enumerates the devices libusb sees and names them as {@link PortIdentity}s.
 *
 * <p>Stateless and thread-safe; callers keep the context alive while they call in.
 */
final class LibUsbDevices {

    private static final Logger log = LoggerFactory.getLogger(LibUsbDevices.class);
    // USB 3 allows hub chains seven deep.
    private static final int MAX_PORT_DEPTH = 7;

    private LibUsbDevices() {
    }

    /** Devices whose ids {@code filter} allows, with serial numbers where they can be read. */
    static List<PortIdentity> list(Context ctx, UsbFilter filter) {
        List<PortIdentity> found = new ArrayList<>();
        forEach(ctx, (device, descriptor) -> {
            if (filter.matches(descriptor.idVendor(), descriptor.idProduct())) {
                location(device).ifPresent(l -> found.add(identity(device, descriptor, l, true)));
            }
            return false;
        });
        return List.copyOf(found);
    }

    /**
     * The device now at {@code location}, referenced: the caller unrefs it. Empty when nothing is there.
     */
    static Optional<Device> at(Context ctx, UsbLocation location) {
        Device[] match = new Device[1];
        forEach(ctx, (device, descriptor) -> {
            if (location(device).filter(location::equals).isPresent()) {
                match[0] = LibUsb.refDevice(device);
                return true;
            }
            return false;
        });
        return Optional.ofNullable(match[0]);
    }

    /** {@code device}'s bus and port chain; empty for root hubs, which have no ports. */
    static Optional<UsbLocation> location(Device device) {
        ByteBuffer ports = BufferUtils.allocateByteBuffer(MAX_PORT_DEPTH);
        int n = LibUsb.getPortNumbers(device, ports);
        if (n <= 0) {
            return Optional.empty();
        }
        List<Integer> chain = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            chain.add(ports.get(i) & 0xFF);
        }
        return Optional.of(new UsbLocation(LibUsb.getBusNumber(device), chain));
    }

    /** @param readSerial false inside a hotplug callback, where libusb forbids the control transfer it takes */
    static PortIdentity identity(Device device, DeviceDescriptor descriptor, UsbLocation location, boolean readSerial) {
        int vid = descriptor.idVendor() & 0xFFFF;
        int pid = descriptor.idProduct() & 0xFFFF;
        Optional<String> serial = readSerial ? serialNumber(device, descriptor, location) : Optional.empty();
        return new PortIdentity(location.path(), Optional.of(vid), Optional.of(pid), serial, Optional.of(location.physical()));
    }

    static Optional<DeviceDescriptor> descriptor(Device device) {
        DeviceDescriptor descriptor = new DeviceDescriptor();
        int rc = LibUsb.getDeviceDescriptor(device, descriptor);
        return rc == LibUsb.SUCCESS ? Optional.of(descriptor) : Optional.empty();
    }

    private static Optional<String> serialNumber(Device device, DeviceDescriptor descriptor, UsbLocation location) {
        if (descriptor.iSerialNumber() == 0) {
            return Optional.empty();
        }
        DeviceHandle handle = new DeviceHandle();
        int rc = LibUsb.open(device, handle);
        if (rc != LibUsb.SUCCESS) {
            // Usually LIBUSB_ERROR_ACCESS without a udev rule: the board is still listed, just without its serial.
            log.debug("{}: serial number unreadable: {} ({})", location.path(), LibUsbErrors.name(rc), rc);
            return Optional.empty();
        }
        try {
            StringBuffer text = new StringBuffer();
            rc = LibUsb.getStringDescriptorAscii(handle, descriptor.iSerialNumber(), text);
            if (rc < 0) {
                log.debug("{}: serial number unreadable: {} ({})", location.path(), LibUsbErrors.name(rc), rc);
                return Optional.empty();
            }
            return Optional.of(text.toString().strip()).filter(s -> !s.isEmpty());
        } finally {
            LibUsb.close(handle);
        }
    }

    /** Visits each device until {@code visitor} returns true; devices are valid only during the visit. */
    private static void forEach(Context ctx, DeviceVisitor visitor) {
        DeviceList list = new DeviceList();
        int n = LibUsb.getDeviceList(ctx, list);
        if (n < 0) {
            log.warn("listing USB devices failed: {} ({})", LibUsbErrors.name(n), n);
            return;
        }
        try {
            for (Device device : list) {
                Optional<DeviceDescriptor> descriptor = descriptor(device);
                if (descriptor.isPresent() && visitor.visit(device, descriptor.get())) {
                    return;
                }
            }
        } finally {
            LibUsb.freeDeviceList(list, true);
        }
    }

    @FunctionalInterface
    private interface DeviceVisitor {
        boolean visit(Device device, DeviceDescriptor descriptor);
    }
}
