package io.imprint.device.usb;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A USB vendor and product id, as a factory config names a board: {@code 0483:5740}.
 *
 * <p>Immutable and thread-safe.
 */
public record UsbId(int vendorId, int productId) {

    private static final Pattern FORM = Pattern.compile("\\p{XDigit}{1,4}:\\p{XDigit}{1,4}");

    public UsbId {
        if (vendorId < 0 || vendorId > 0xFFFF || productId < 0 || productId > 0xFFFF) {
            throw new IllegalArgumentException("USB ids are 16-bit: vendor " + vendorId + ", product " + productId);
        }
    }

    /**
     * Parses {@code vvvv:pppp} in hex, as {@code lsusb} prints it.
     *
     * @throws IllegalArgumentException naming the text when it is not of that form
     */
    public static UsbId parse(String text) {
        String t = text == null ? "" : text.strip();
        if (!FORM.matcher(t).matches()) {
            throw new IllegalArgumentException("not a USB id (want vendor:product in hex, e.g. 0483:5740): \"" + text + "\"");
        }
        int colon = t.indexOf(':');
        return new UsbId(Integer.parseInt(t.substring(0, colon), 16), Integer.parseInt(t.substring(colon + 1), 16));
    }

    public boolean matches(int vendor, int product) {
        return vendorId == vendor && productId == product;
    }

    /** {@code 0483:5740}: the form {@link #parse} reads. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%04x:%04x", vendorId, productId);
    }
}
