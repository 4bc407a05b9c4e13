package io.imprint.device.usb;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which interface of a board carries the provisioning protocol: by class (vendor-specific, 0xff, is
 * the usual one) and optionally by number, for boards that expose several.
 *
 * <p>Immutable and thread-safe.
 */
public record UsbInterfaceSpec(OptionalInt interfaceClass, OptionalInt interfaceNumber) {

    public static final int CLASS_VENDOR_SPECIFIC = 0xFF;

    public UsbInterfaceSpec {
        interfaceClass.ifPresent(c -> require(c, 0xFF, "interface class"));
        interfaceNumber.ifPresent(n -> require(n, 0xFF, "interface number"));
    }

    /** The first vendor-specific interface with a bulk IN and a bulk OUT endpoint. */
    public static UsbInterfaceSpec vendorClass() {
        return new UsbInterfaceSpec(OptionalInt.of(CLASS_VENDOR_SPECIFIC), OptionalInt.empty());
    }

    /** Interface {@code number}, whatever its class (e.g. the data interface of a CDC board). */
    public static UsbInterfaceSpec number(int number) {
        return new UsbInterfaceSpec(OptionalInt.empty(), OptionalInt.of(number));
    }

    /** The first setting, in descriptor order, that this spec names and that has bulk IN and OUT. */
    Optional<BulkInterface> select(List<UsbInterfaceInfo> settings) {
        return settings.stream()
                .filter(s -> interfaceClass.isEmpty() || interfaceClass.getAsInt() == s.interfaceClass())
                .filter(s -> interfaceNumber.isEmpty() || interfaceNumber.getAsInt() == s.number())
                .flatMap(s -> s.bulkPair().stream())
                .findFirst();
    }

    /** {@code vendor-specific (0xff) interface} or {@code interface 2}: for error messages. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        interfaceClass.ifPresent(c -> b.append(c == CLASS_VENDOR_SPECIFIC ? "vendor-specific " : "class ")
                .append(String.format(Locale.ROOT, "(0x%02x) ", c)));
        b.append("interface");
        interfaceNumber.ifPresent(n -> b.append(' ').append(n));
        return b.toString();
    }

    private static void require(int value, int max, String what) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " must be 0.." + max + ": " + value);
        }
    }
}
