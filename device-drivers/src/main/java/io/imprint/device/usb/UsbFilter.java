package io.imprint.device.usb;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The allowlist of boards a station talks to. An empty allowlist matches nothing: the factory config
 * names its boards, so a keyboard or a hub on the same bus is never opened by mistake.
 *
 * <p>Immutable and thread-safe.
 */
public record UsbFilter(Set<UsbId> allowed) {

    public UsbFilter {
        allowed = Set.copyOf(allowed);
    }

    /** Matches nothing. */
    public static UsbFilter none() {
        return new UsbFilter(Set.of());
    }

    public static UsbFilter of(UsbId... ids) {
        return new UsbFilter(Set.of(ids));
    }

    public static UsbFilter of(Collection<UsbId> ids) {
        return new UsbFilter(Set.copyOf(ids));
    }

    /**
     * Parses a comma- or space-separated list such as {@code "0483:5740, 1209:0001"}; blank gives
     * {@link #none()}.
     *
     * @throws IllegalArgumentException naming the first entry that is not a USB id
     */
    public static UsbFilter parse(String list) {
        if (list == null || list.isBlank()) {
            return none();
        }
        return new UsbFilter(Arrays.stream(list.strip().split("[,\\s]+"))
                .map(UsbId::parse)
                .collect(Collectors.toUnmodifiableSet()));
    }

    public boolean matches(int vendorId, int productId) {
        return allowed.contains(new UsbId(vendorId & 0xFFFF, productId & 0xFFFF));
    }

    public boolean isEmpty() {
        return allowed.isEmpty();
    }
}
