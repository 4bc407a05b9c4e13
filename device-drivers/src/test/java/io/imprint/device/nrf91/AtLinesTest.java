package io.imprint.device.nrf91;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AtLinesTest {

    /** An answer mixing every line ending, an event in the middle, and an "OK" inside base64. */
    static final String TRANSCRIPT = "\r\n%KEYGEN: \"MIIBOKabcOK.OKdef\"\r\n+CEREG: 2,\"76C1\"\n\rOKAY\rOK\r\n"
            + "+CME ERROR: 515\r\nERROR\n%CMNG: 16842753,1,\"AB\"\r\n+CME ERROR: not allowed\r\n";

    static final List<AtLine> EXPECTED = List.of(
            new AtLine.Info("%KEYGEN: \"MIIBOKabcOK.OKdef\""),
            new AtLine.Unsolicited("+CEREG: 2,\"76C1\""),
            new AtLine.Info("OKAY"),
            new AtLine.Ok(),
            new AtLine.CmeError(515),
            new AtLine.Error(),
            new AtLine.Info("%CMNG: 16842753,1,\"AB\""),
            new AtLine.CmeError(-1));

    @Test
    void theSameLinesComeOutWhereverTheBytesAreSplit() {
        byte[] bytes = TRANSCRIPT.getBytes(StandardCharsets.US_ASCII);
        for (int cut = 0; cut <= bytes.length; cut++) {
            AtLines lines = new AtLines();
            List<AtLine> out = new ArrayList<>();
            lines.feed(bytes, 0, cut);
            drain(lines, out);
            lines.feed(bytes, cut, bytes.length - cut);
            drain(lines, out);
            assertThat(out).as("split at %d", cut).isEqualTo(EXPECTED);
        }
    }

    @Test
    void oneByteAtATimeGivesTheSameLines() {
        byte[] bytes = TRANSCRIPT.getBytes(StandardCharsets.US_ASCII);
        AtLines lines = new AtLines();
        List<AtLine> out = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            lines.feed(bytes, i, 1);
            drain(lines, out);
        }
        assertThat(out).isEqualTo(EXPECTED);
        assertThat(lines.bytesSeen()).isEqualTo(bytes.length);
    }

    @Test
    void aLineIsNotFinishedUntilItsLineEndArrives() {
        AtLines lines = new AtLines();
        byte[] ok = "OK".getBytes(StandardCharsets.US_ASCII);
        lines.feed(ok, 0, ok.length);
        assertThat(lines.poll()).isEmpty();
        lines.feed(new byte[] {'\r'}, 0, 1);
        assertThat(lines.poll()).contains(new AtLine.Ok());
    }

    @Test
    void anOverlongLineIsReportedNotKept() {
        AtLines lines = new AtLines();
        byte[] junk = new byte[AtLines.MAX_LINE + 10];
        java.util.Arrays.fill(junk, (byte) 'A');
        lines.feed(junk, 0, junk.length);
        lines.feed("\r\nOK\r\n".getBytes(StandardCharsets.US_ASCII), 0, 6);
        assertThat(lines.poll()).contains(new AtLine.Overlong(AtLines.MAX_LINE + 10));
        assertThat(lines.poll()).contains(new AtLine.Ok());
    }

    @Test
    void resetForgetsAHalfLine() {
        AtLines lines = new AtLines();
        lines.feed("+CME ERR".getBytes(StandardCharsets.US_ASCII), 0, 8);
        lines.reset();
        lines.feed("OK\n".getBytes(StandardCharsets.US_ASCII), 0, 3);
        assertThat(lines.poll()).contains(new AtLine.Ok());
    }

    private static void drain(AtLines lines, List<AtLine> out) {
        for (Optional<AtLine> l = lines.poll(); l.isPresent(); l = lines.poll()) {
            out.add(l.get());
        }
    }
}
