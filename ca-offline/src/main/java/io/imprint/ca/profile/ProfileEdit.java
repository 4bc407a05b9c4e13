package io.imprint.ca.profile;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Changes one certificate profile in the text of a {@code ca.conf}, the way a person would: the
 * profile's existing lines are rewritten in place, new ones go after its last line (or at the end),
 * every comment and every other line stays as it was. The result must parse into a valid
 * {@link CaConfig}, or nothing is returned: a CA never runs on a config it cannot read.
 *
 * <p>Stateless and thread-safe.
 */
public final class ProfileEdit {

    /** The settings a profile has (see the template's "Profiles" comment). */
    public static final Set<String> KEYS = Set.of("validity", "key-types", "rsa-min-bits", "san-uri-prefix");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern VALUE = Pattern.compile("[\\x20-\\x7E]{0,256}");

    private ProfileEdit() {
    }

    /**
     * {@code confText} with {@code profile}'s settings set to {@code values}. Only {@code san-uri-prefix}
     * may be blank (no SAN URI): a missing line would not do, since a missing key takes the template's
     * value. Refuses unknown settings, values on several lines, and any result that is not a valid CA
     * config, naming what is wrong.
     */
    public static String apply(String confText, String profile, Map<String, String> values) {
        if (!NAME.matcher(profile).matches()) {
            throw new IllegalArgumentException("profile name '" + profile + "': use lower-case letters, digits and '-'");
        }
        for (var e : values.entrySet()) {
            if (!KEYS.contains(e.getKey())) {
                throw new IllegalArgumentException("a profile has no setting '" + e.getKey() + "' (settings: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
            if (!VALUE.matcher(e.getValue()).matches()) {
                throw new IllegalArgumentException(profile + " " + e.getKey() + ": one line of printable text, at most 256 characters");
            }
            check(profile, e.getKey(), e.getValue().strip());
        }
        List<String> lines = new ArrayList<>(confText.lines().toList());
        String prefix = "profile." + profile + ".";
        int lastOfProfile = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith(prefix)) {
                lastOfProfile = i;
            }
        }
        for (var e : values.entrySet()) {
            String key = prefix + e.getKey();
            String value = e.getValue().strip();
            int at = indexOf(lines, key);
            if (at >= 0) {
                lines.set(at, key + " = " + value);
            } else {
                int insertAt = lastOfProfile >= 0 ? lastOfProfile + 1 : lines.size();
                lines.add(insertAt, key + " = " + value);
                lastOfProfile = insertAt;
            }
        }
        String result = String.join("\n", lines) + "\n";
        Properties props = new Properties();
        try {
            props.load(new StringReader(result));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the changed ca.conf does not read: " + e.getMessage(), e);
        }
        CaConfig parsed = CaConfig.parse(props, "ca.conf");
        if (!parsed.profiles().containsKey(profile)) {
            throw new IllegalArgumentException("profile " + profile + " would have no settings left");
        }
        return result;
    }

    /** Says what is wrong with a value in the words of the template's comments. */
    private static void check(String profile, String key, String value) {
        if (value.isEmpty()) {
            if (!key.equals("san-uri-prefix")) {
                throw new IllegalArgumentException(profile + " " + key + " needs a value");
            }
            return;
        }
        try {
            switch (key) {
                case "validity" -> {
                    if (!value.equalsIgnoreCase("forever") && (java.time.Duration.parse(value).isNegative() || java.time.Duration.parse(value).isZero())) {
                        throw new IllegalArgumentException("not positive");
                    }
                }
                case "key-types" -> {
                    for (String t : value.split(",")) {
                        if (!t.strip().equalsIgnoreCase("rsa")) {
                            EcCurves.parse(t.strip().toLowerCase(java.util.Locale.ROOT));
                        }
                    }
                }
                case "rsa-min-bits" -> {
                    if (Integer.parseInt(value) < CertificateProfile.RSA_FLOOR) {
                        throw new IllegalArgumentException("below " + CertificateProfile.RSA_FLOOR);
                    }
                }
                default -> {
                }
            }
        } catch (RuntimeException e) {
            String expected = switch (key) {
                case "validity" -> "a positive ISO-8601 duration such as P365D or PT5M, or 'forever'";
                case "key-types" -> "a comma list of p256, p384 and rsa";
                default -> "a number of bits, at least " + CertificateProfile.RSA_FLOOR;
            };
            throw new IllegalArgumentException(profile + " " + key + " '" + value + "': expected " + expected, e);
        }
    }

    /** The line that sets {@code key} (not a comment), or -1. */
    private static int indexOf(List<String> lines, String key) {
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.startsWith(key) && l.substring(key.length()).stripLeading().matches("[=:].*")) {
                return i;
            }
        }
        return -1;
    }
}
