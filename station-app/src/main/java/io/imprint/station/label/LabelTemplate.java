package io.imprint.station.label;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a batch's labels say: the QR code's text and up to four human-readable lines, each a text with
 * placeholders {@code {deviceId}}, {@code {sha256}} (the certificate's fingerprint), {@code {sha256short}}
 * (its first 16 hex digits), {@code {workOrder}} (the batch id), {@code {serial}} and {@code {product}}.
 * A template is checked when it is made, so a supervisor learns of a typo when setting it, not from a
 * line of unprinted labels.
 *
 * <p>Immutable and thread-safe.
 */
public final class LabelTemplate {

    /** A QR code of more than this many bytes needs modules too small for a 30 mm label and a hand scanner. */
    public static final int MAX_QR_BYTES = 300;
    public static final int MAX_LINE_CHARS = 160;
    public static final int MAX_LINES = 4;
    static final List<String> PLACEHOLDERS = List.of("deviceId", "sha256", "sha256short", "workOrder", "serial", "product");

    public static final LabelTemplate DEFAULT = new LabelTemplate("imprint:device={deviceId};wo={workOrder};sha256={sha256}",
            List.of("{deviceId}", "{product} · WO {workOrder}", "SHA-256 {sha256}"));

    private static final Pattern TOKEN = Pattern.compile("\\{([^{}]*)}");
    /** The longest values the batch log holds (device_id, sha256, batch_id, serial, product columns). */
    private static final LabelFields WIDEST = new LabelFields("D".repeat(64), "f".repeat(64), "W".repeat(64), "e".repeat(40), "P".repeat(128));

    private final String qr;
    private final List<String> lines;

    private LabelTemplate(String qr, List<String> lines) {
        this.qr = qr;
        this.lines = List.copyOf(lines);
    }

    /** A template, or refused with what is wrong with it. */
    public static LabelTemplate of(String qr, List<String> lines) throws LabelException {
        if (qr == null || qr.isBlank()) {
            throw LabelException.refused("the label template's QR text is empty");
        }
        if (lines.size() > MAX_LINES) {
            throw LabelException.refused("a label has at most " + MAX_LINES + " text lines, not " + lines.size());
        }
        check(qr, "QR text");
        for (String line : lines) {
            check(line, "line '" + line + "'");
        }
        int widest = fill(qr, WIDEST).getBytes(StandardCharsets.UTF_8).length;
        if (widest > MAX_QR_BYTES) {
            throw LabelException.refused("the label template's QR text can reach " + widest + " bytes with the longest ids the batch log holds;"
                    + " at most " + MAX_QR_BYTES + " fit a label's QR code (leave out {product} or some fixed text)");
        }
        return new LabelTemplate(qr, lines);
    }

    private static void check(String text, String what) throws LabelException {
        if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw LabelException.refused("the label template's " + what + " has a control character (a tab or line break)");
        }
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                throw LabelException.refused("the label template's " + what + " has an unknown placeholder {" + m.group(1) + "}; use "
                        + String.join(", ", PLACEHOLDERS.stream().map(p -> "{" + p + "}").toList()));
            }
        }
        String rest = m.replaceAll("");
        if (rest.indexOf('{') >= 0 || rest.indexOf('}') >= 0) {
            throw LabelException.refused("the label template's " + what + " has a lone { or }: placeholders are written {deviceId}");
        }
    }

    /** This template filled in for one board; refused when the board's values make it too long for a label. */
    public LabelContent render(LabelFields fields) throws LabelException {
        String text = fill(qr, fields);
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_QR_BYTES) {
            throw LabelException.refused("the QR text for " + fields.deviceId() + " is " + bytes + " bytes; at most " + MAX_QR_BYTES + " fit a label");
        }
        List<String> filled = new ArrayList<>();
        for (String line : lines) {
            String l = fill(line, fields);
            if (l.length() > MAX_LINE_CHARS) {
                throw LabelException.refused("a label line for " + fields.deviceId() + " is " + l.length() + " characters; at most " + MAX_LINE_CHARS + " fit");
            }
            filled.add(l);
        }
        return new LabelContent(fields.deviceId(), text, filled);
    }

    private static String fill(String template, LabelFields fields) {
        // Values go in literally: a device id such as "{serial}" or "$1" stays what the board said.
        return TOKEN.matcher(template).replaceAll(r -> Matcher.quoteReplacement(fields.value(r.group(1))));
    }

    public String qr() {
        return qr;
    }

    public List<String> lines() {
        return lines;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelTemplate t && t.qr.equals(qr) && t.lines.equals(lines);
    }

    @Override
    public int hashCode() {
        return qr.hashCode() * 31 + lines.hashCode();
    }

    @Override
    public String toString() {
        return "LabelTemplate[qr=" + qr + ", lines=" + lines + "]";
    }
}
