package io.imprint.station.account;

import io.imprint.station.account.AccountException.Reason;
import java.util.regex.Pattern;

/**
 * What user names, display names, badges and passwords must look like, with messages that say how to
 * fix them. Messages never echo a password.
 *
 * <p>Stateless and thread-safe.
 */
final class AccountRules {

    static final int MIN_PASSWORD = 8;
    /** PBKDF2 hashes any length, but a megabyte "password" would only be a way to keep the station busy. */
    static final int MAX_PASSWORD = 128;
    static final int MAX_ACTOR = 64;

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    // Printable ASCII without spaces: what a keyboard-wedge scanner types, without the Enter it ends with.
    private static final Pattern BADGE = Pattern.compile("[\\x21-\\x7e]{1,64}");

    private AccountRules() {
    }

    static boolean isUsername(String name) {
        return name != null && USERNAME.matcher(name).matches();
    }

    static String username(String name) throws AccountException {
        if (!isUsername(name)) {
            throw new AccountException(Reason.INVALID, "user name '" + printable(name, MAX_ACTOR)
                    + "' must be 1 to 64 letters, digits, dots, dashes or underscores");
        }
        return name;
    }

    static String displayName(String name) throws AccountException {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty() || stripped.length() > 128 || !stripped.equals(printable(stripped, 128))) {
            throw new AccountException(Reason.INVALID, "display name must be 1 to 128 printable characters");
        }
        return stripped;
    }

    static String badge(String badge) throws AccountException {
        if (badge == null || !BADGE.matcher(badge).matches()) {
            throw new AccountException(Reason.INVALID, "badge id must be 1 to 64 printable characters without spaces");
        }
        return badge;
    }

    static void password(char[] password) throws AccountException {
        if (password == null || password.length < MIN_PASSWORD) {
            throw new AccountException(Reason.INVALID, "the password must be at least " + MIN_PASSWORD + " characters long");
        }
        if (password.length > MAX_PASSWORD) {
            throw new AccountException(Reason.INVALID, "the password must be at most " + MAX_PASSWORD + " characters long");
        }
    }

    static void actor(String actor) throws AccountException {
        if (actor == null || actor.isBlank() || actor.length() > MAX_ACTOR) {
            throw new AccountException(Reason.INVALID, "the user acting must be named in 1 to " + MAX_ACTOR + " characters");
        }
    }

    /**
     * {@code text} cut to {@code max} characters with control and unassigned characters as '?', for
     * the audit trail and messages: what someone typed may be anything, including a scanner's garbage.
     */
    static String printable(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (int cp : text.codePoints().toArray()) {
            int type = Character.getType(cp);
            boolean shown = !Character.isISOControl(cp) && type != Character.UNASSIGNED && type != Character.FORMAT
                    && type != Character.SURROGATE && type != Character.PRIVATE_USE;
            if (b.length() + Character.charCount(shown ? cp : '?') > max) {
                break;
            }
            b.appendCodePoint(shown ? cp : '?');
        }
        return b.toString();
    }
}
