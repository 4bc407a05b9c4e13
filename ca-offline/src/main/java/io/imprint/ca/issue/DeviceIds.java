package io.imprint.ca.issue;

import java.util.regex.Pattern;

/**
 * What a device id may be: 1 to 64 characters of letters, digits and {@code : . _ -}, starting and
 * ending with a letter or digit. That is RFC 5280's upper bound for a CN and Azure DPS's rule for a
 * registration id, so every id we sign can be registered in the cloud unchanged.
 */
public final class DeviceIds {

    public static final int MAX_LENGTH = 64;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9:._-]{0,62}[A-Za-z0-9])?");

    private DeviceIds() {
    }

    public static void check(String id) throws IssuanceRefusedException {
        if (id == null || id.isEmpty()) {
            throw new IssuanceRefusedException("device id is empty");
        }
        if (hasControl(id)) {
            throw new IssuanceRefusedException("device id contains NUL or control characters");
        }
        if (id.length() > MAX_LENGTH) {
            throw new IssuanceRefusedException("device id is " + id.length() + " characters long (at most " + MAX_LENGTH + ")");
        }
        if (!VALID.matcher(id).matches()) {
            throw new IssuanceRefusedException("device id '" + id + "' has characters other than letters, digits and : . _ - (or starts or ends with one of those)");
        }
    }

    static boolean hasControl(String s) {
        return s.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
    }

    /** The text safe to print in a message: control characters shown as \\uXXXX, bounded. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(80).forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                b.append(String.format("\\u%04X", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return s.length() > 80 ? b + "…" : b.toString();
    }
}
