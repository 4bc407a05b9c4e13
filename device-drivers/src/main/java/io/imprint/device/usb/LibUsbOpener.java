package io.imprint.device.usb;

import io.imprint.device.transport.PortIdentity;
import io.imprint.device.transport.TransportException;
import io.imprint.device.transport.TransportException.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.usb4java.ConfigDescriptor;
import org.usb4java.Context;
import org.usb4java.Device;
import org.usb4java.DeviceDescriptor;
import org.usb4java.DeviceHandle;
import org.usb4java.EndpointDescriptor;
import org.usb4java.Interface;
import org.usb4java.InterfaceDescriptor;
import org.usb4java.LibUsb;

/**
 * Opens one board: finds it again by location (device objects do not outlive a listing), checks its
 * ids, picks the interface, detaches a kernel driver if one holds it, claims it.
 *
 * <p>Stateless and thread-safe; callers keep the context alive while they call in.
 */
final class LibUsbOpener {

    private LibUsbOpener() {
    }

    /**
     * @param closed told when the endpoints close, so the bus can forget them
     * @throws TransportException NOT_FOUND when the board or its interface is not there, BUSY when
     *     another process or the permissions keep it
     */
    static LibUsbEndpoints open(Context ctx, PortIdentity want, UsbInterfaceSpec spec, Consumer<LibUsbEndpoints> closed)
            throws TransportException {
        UsbLocation location = locationOf(want);
        Device device = LibUsbDevices.at(ctx, location).orElseThrow(() -> notFound(want, "no USB device there"));
        try {
            DeviceDescriptor descriptor = LibUsbDevices.descriptor(device).orElseThrow(() -> notFound(want, "device descriptor unreadable"));
            UsbId found = new UsbId(descriptor.idVendor() & 0xFFFF, descriptor.idProduct() & 0xFFFF);
            if (want.vendorId().isPresent() && !found.matches(want.vendorId().get(), want.productId().orElse(-1))) {
                throw notFound(want, "found " + found + " there instead (re-plugged?)");
            }
            List<UsbInterfaceInfo> settings = settings(device, want);
            BulkInterface bulk = spec.select(settings).orElseThrow(() -> notFound(want,
                    "no " + spec.describe() + " with bulk IN and OUT endpoints; it has " + summary(settings)));
            return claim(device, want, bulk, closed);
        } finally {
            LibUsb.unrefDevice(device);
        }
    }

    private static LibUsbEndpoints claim(Device device, PortIdentity want, BulkInterface bulk, Consumer<LibUsbEndpoints> closed)
            throws TransportException {
        DeviceHandle handle = new DeviceHandle();
        int rc = LibUsb.open(device, handle);
        if (rc != LibUsb.SUCCESS) {
            throw LibUsbErrors.failure(want, "opening the device failed"
                    + (rc == LibUsb.ERROR_ACCESS ? " (permission denied: is the udev rule for it installed?)" : ""), rc);
        }
        boolean claimed = false;
        try {
            // Not gated on CAP_SUPPORTS_DETACH_KERNEL_DRIVER: usb4java 1.3.0 truncates that flag to false on every
            // platform (usb4java issue #75). Where detaching is unsupported libusb says NOT_SUPPORTED and we go on.
            // Where it is, libusb detaches a bound kernel driver on claim and re-attaches it on release.
            rc = LibUsb.setAutoDetachKernelDriver(handle, true);
            if (rc != LibUsb.SUCCESS && rc != LibUsb.ERROR_NOT_SUPPORTED) {
                throw LibUsbErrors.failure(want, "enabling kernel-driver detach for " + bulk.describe() + " failed", rc);
            }
            rc = LibUsb.claimInterface(handle, bulk.number());
            if (rc != LibUsb.SUCCESS) {
                throw LibUsbErrors.failure(want, "claiming " + bulk.describe() + " failed"
                        + (rc == LibUsb.ERROR_BUSY ? " (another process has it)" : ""), rc);
            }
            claimed = true;
            if (bulk.altSetting() != 0) {
                rc = LibUsb.setInterfaceAltSetting(handle, bulk.number(), bulk.altSetting());
                if (rc != LibUsb.SUCCESS) {
                    throw LibUsbErrors.failure(want, "selecting " + bulk.describe() + " failed", rc);
                }
            }
            LibUsbEndpoints[] self = new LibUsbEndpoints[1];
            self[0] = new LibUsbEndpoints(want, handle, bulk, () -> closed.accept(self[0]));
            return self[0];
        } catch (TransportException | RuntimeException e) {
            if (claimed) {
                LibUsb.releaseInterface(handle, bulk.number());
            }
            LibUsb.close(handle);
            throw e;
        }
    }

    /** Every alternate setting of every interface of the active configuration. */
    private static List<UsbInterfaceInfo> settings(Device device, PortIdentity want) throws TransportException {
        ConfigDescriptor config = new ConfigDescriptor();
        int rc = LibUsb.getActiveConfigDescriptor(device, config);
        if (rc != LibUsb.SUCCESS) {
            throw LibUsbErrors.failure(want, "reading the active configuration failed", rc);
        }
        try {
            List<UsbInterfaceInfo> settings = new ArrayList<>();
            for (Interface iface : config.iface()) {
                for (InterfaceDescriptor s : iface.altsetting()) {
                    List<UsbEndpointInfo> endpoints = new ArrayList<>();
                    for (EndpointDescriptor e : s.endpoint()) {
                        endpoints.add(UsbEndpointInfo.of(e.bEndpointAddress(), e.bmAttributes(), e.wMaxPacketSize()));
                    }
                    settings.add(new UsbInterfaceInfo(s.bInterfaceNumber() & 0xFF, s.bAlternateSetting() & 0xFF,
                            s.bInterfaceClass() & 0xFF, endpoints));
                }
            }
            return settings;
        } finally {
            LibUsb.freeConfigDescriptor(config);
        }
    }

    private static UsbLocation locationOf(PortIdentity want) throws TransportException {
        try {
            return UsbLocation.parse(want.physicalLocation().orElse(want.path()));
        } catch (IllegalArgumentException e) {
            throw new TransportException(want.path(), Kind.NOT_FOUND, 0, "not a USB device: " + e.getMessage());
        }
    }

    private static TransportException notFound(PortIdentity want, String why) {
        return new TransportException(want.path(), Kind.NOT_FOUND, 0, UsbNames.idAndLocation(want) + ": " + why);
    }

    private static String summary(List<UsbInterfaceInfo> settings) {
        if (settings.isEmpty()) {
            return "no interfaces";
        }
        return String.join(", ", settings.stream()
                .map(s -> String.format(Locale.ROOT, "interface %d class 0x%02x", s.number(), s.interfaceClass()))
                .distinct()
                .toList());
    }
}
