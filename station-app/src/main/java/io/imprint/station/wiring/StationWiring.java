package io.imprint.station.wiring;

import io.imprint.device.port.BoardPorts;
import io.imprint.device.port.HostPorts;
import io.imprint.device.usb.UsbFilter;
import io.imprint.device.usb.UsbInterfaceSpec;
import java.util.Map;
import java.util.Optional;

/**
 * Where the station picks its implementations at start-up: the only place in station-app that names a
 * concrete way of reaching boards. Everything else is handed a {@link BoardPorts} (LayeringTest holds
 * the rest of station-app to that).
 *
 * <p>USB bulk boards (vendor-class interface, no serial driver) are listed only for the vendor:product
 * ids in {@value #USB_BOARDS_ENV} (or the system property {@value #USB_BOARDS_PROPERTY}), e.g.
 * {@code 1915:520f,0483:5740}: a station must not claim every USB device on the host.
 *
 * <p>Stateless and thread-safe.
 */
public final class StationWiring {

    public static final String USB_BOARDS_ENV = "IMPRINT_USB_BOARDS";
    public static final String USB_BOARDS_PROPERTY = "imprint.usb.boards";

    private StationWiring() {
    }

    /** The host's serial ports and configured USB boards; close it when the station ends. */
    public static BoardPorts boardPorts() {
        return HostPorts.open(usbBoards(System.getenv(), System.getProperty(USB_BOARDS_PROPERTY)), UsbInterfaceSpec.vendorClass());
    }

    static UsbFilter usbBoards(Map<String, String> env, String property) {
        return Optional.ofNullable(property).or(() -> Optional.ofNullable(env.get(USB_BOARDS_ENV))).filter(s -> !s.isBlank())
                .map(UsbFilter::parse).orElse(UsbFilter.none());
    }
}
