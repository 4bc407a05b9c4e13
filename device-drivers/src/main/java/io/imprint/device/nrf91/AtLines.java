package io.imprint.device.nrf91;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/**
 * Splits what a modem sends into {@link AtLine}s, fed bytes as they arrive, in any pieces. A line ends
 * at CR, LF or CRLF; empty lines are dropped. Only a whole line equal to {@code OK} or {@code ERROR} is a
 * final result, so an "OK" inside a %KEYGEN line's base64 ends nothing.
 *
 * <p>Quotes are not tracked: the only multi-line answer (the PEM of {@code AT%CMNG=2}, read) is never
 * asked for, and a quote-aware reader that missed one closing quote would swallow every later OK.
 *
 * <p>Not thread-safe: one reader thread feeds and polls.
 */
public final class AtLines {

    /** A %KEYGEN line is about 700 characters; 16 KiB is far beyond any answer of ours. */
    static final int MAX_LINE = 16 * 1024;

    /** Unsolicited result codes the modem may send between or inside answers (Nordic AT reference). */
    private static final List<String> UNSOLICITED = List.of(
            "+CEREG:", "+CSCON:", "+CGEV:", "+CNEC_", "+CIND:", "+CMT:", "+CDS:",
            "%CESQ:", "%XSIM:", "%MDMEV:", "%XTIME:", "%NCELLMEAS:", "%XMODEMSLEEP:", "%XT3412:", "%CONEVAL:", "#XBOOT");

    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private final ArrayDeque<AtLine> ready = new ArrayDeque<>();
    private int currentLength;
    private long bytesSeen;

    public void feed(byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = data[i];
            if (b == '\r' || b == '\n') {
                endLine();
            } else if (currentLength++ < MAX_LINE) {
                current.write(b);
            }
        }
        bytesSeen += length;
    }

    /** The next whole line, if one has arrived. */
    public Optional<AtLine> poll() {
        return Optional.ofNullable(ready.poll());
    }

    /** Every byte fed so far. */
    public long bytesSeen() {
        return bytesSeen;
    }

    /** Forgets a half-received line and any lines not yet polled. */
    public void reset() {
        current.reset();
        currentLength = 0;
        ready.clear();
    }

    private void endLine() {
        int length = currentLength;
        String text = current.toString(StandardCharsets.ISO_8859_1).strip();
        current.reset();
        currentLength = 0;
        if (length > MAX_LINE) {
            ready.add(new AtLine.Overlong(length));
        } else if (!text.isEmpty()) {
            ready.add(classify(text));
        }
    }

    static AtLine classify(String text) {
        if (text.equals("OK")) {
            return new AtLine.Ok();
        }
        if (text.equals("ERROR")) {
            return new AtLine.Error();
        }
        if (text.startsWith("+CME ERROR:")) {
            String code = text.substring("+CME ERROR:".length()).strip();
            try {
                return new AtLine.CmeError(Integer.parseInt(code));
            } catch (NumberFormatException e) {
                // AT+CMEE=2 gives words; still a failure, just without a number to act on.
                return new AtLine.CmeError(-1);
            }
        }
        for (String prefix : UNSOLICITED) {
            if (text.startsWith(prefix)) {
                return new AtLine.Unsolicited(text);
            }
        }
        return new AtLine.Info(text);
    }
}
