package io.imprint.station.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ZPL labels: escaped so a board cannot inject printer commands, sent over raw TCP or to files. */
class LabelZplTest {

    static final String HOSTILE = "^XZ^XA~JR-€_\\";

    @Test
    void aLabelSentOverTcpArrivesWholeWithQrDataThatDecodesToTheTemplateText() throws Exception {
        LabelContent label = LabelTemplate.DEFAULT.render(new LabelFields(HOSTILE, LabelTemplateTest.SHA, "WO-7", "01ab", "Sensor S1"));
        String zpl = new ZplLabel(LabelSize.DEFAULT).render(label);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    return in.readAllBytes();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            LabelPrinter.parse("tcp://127.0.0.1:" + server.getLocalPort()).send(label.deviceId(), zpl.getBytes(StandardCharsets.UTF_8));

            String arrived = new String(received.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
            assertThat(arrived).isEqualTo(zpl).startsWith("^XA").endsWith("^XZ\n");
            assertThat(QrDecoding.zplQrData(arrived)).isEqualTo(label.qrText());
            // The scanner reads what the printer encodes from those bytes.
            assertThat(QrDecoding.decodePng(QrCodes.png(QrDecoding.zplQrData(arrived), 3))).isEqualTo(label.qrText());
        }
    }

    @Test
    void fieldDataCannotStartOrEndALabelOrACommand() throws Exception {
        LabelContent label = LabelTemplate.DEFAULT.render(new LabelFields(HOSTILE, LabelTemplateTest.SHA, "WO-7", "01ab", "Sensor S1"));
        String zpl = new ZplLabel(LabelSize.DEFAULT).render(label);

        assertThat(Pattern.compile("\\^XA").matcher(zpl).results().count()).isOne();
        assertThat(Pattern.compile("\\^XZ").matcher(zpl).results().count()).isOne();
        assertThat(zpl).doesNotContain("~").doesNotContain("€");
        assertThat(ZplLabel.escape(HOSTILE)).isEqualTo("_5EXZ_5EXA_7EJR-_E2_82_AC_5F_5C");
        // Every field's data reads back to the template's line.
        var fields = Pattern.compile("\\^FH\\^FD([^^]*)\\^FS").matcher(zpl).results().map(r -> QrDecoding.unescape(r.group(1))).toList();
        assertThat(fields).containsExactly("MA," + label.qrText(), label.lines().get(0), label.lines().get(1), label.lines().get(2));
    }

    @Test
    void theLabelIsSizedForItsPrinter() throws Exception {
        LabelContent label = LabelTemplate.DEFAULT.render(LabelTemplateTest.BOARD);
        assertThat(new ZplLabel(LabelSize.DEFAULT).render(label)).startsWith("^XA^CI28^PW400^LL240^LH0,0\n").contains("^BQN,2,4^FH").contains("^FB184,4,0,L,0^FH^FDSHA-256 ");
        assertThat(new ZplLabel(new LabelSize(100, 50, 300)).render(label)).contains("^PW1181^LL591").contains("^BQN,2,10^FH");
        assertThatThrownBy(() -> new ZplLabel(new LabelSize(15, 15, 152)).render(label))
                .isInstanceOf(LabelException.class).hasMessageContaining("does not fit a 15x15 mm label at 152 dpi");
        assertThatThrownBy(() -> LabelSize.parse("50 by 30", 203)).hasMessageContaining("WIDTHxHEIGHT");
        assertThatThrownBy(() -> LabelSize.parse("50x30", 250)).hasMessageContaining("152, 203, 300 or 600 dpi");
    }

    @Test
    void aClosedPortIsAReadableFailureNotAHang() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        LabelPrinter printer = LabelPrinter.parse("tcp://127.0.0.1:" + closed);
        assertThatThrownBy(() -> printer.send("DEV-1", "^XA^XZ".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(LabelException.class)
                .hasMessage("Label printer tcp://127.0.0.1:" + closed + " is not answering (connection refused)")
                .satisfies(e -> assertThat(((LabelException) e).advice()).contains("check the printer is on and on the network"));
    }

    @Test
    void aFilePrinterWritesOneWholeFilePerLabelWithASafeName(@TempDir Path dir) throws Exception {
        LabelPrinter printer = LabelPrinter.parse("file:" + dir);
        printer.send("../../etc/passwd", "^XA1^XZ".getBytes(StandardCharsets.US_ASCII));
        printer.send("../../etc/passwd", "^XA2^XZ".getBytes(StandardCharsets.US_ASCII));

        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.sorted().toList();
        }
        assertThat(files).hasSize(2).allSatisfy(f -> assertThat(f.getFileName().toString()).matches("__\\.\\._etc_passwd-\\d+-\\d+\\.zpl"));
        assertThat(files.stream().map(f -> read(f))).containsExactlyInAnyOrder("^XA1^XZ", "^XA2^XZ");
        assertThatThrownBy(() -> LabelPrinter.parse("file:" + dir.resolve("missing")).send("D", new byte[1]))
                .hasMessageContaining("is not a directory");
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void printerStringsAreParsedOrRefusedWithWhatTheyShouldLookLike() throws Exception {
        assertThat(LabelPrinter.parse("tcp://zebra-3")).isEqualTo(new TcpLabelPrinter("zebra-3", 9100));
        assertThat(LabelPrinter.parse(" tcp://10.0.0.7:6101 ").target()).isEqualTo("tcp://10.0.0.7:6101");
        assertThat(LabelPrinter.parse("tcp://[::1]:9100").target()).isEqualTo("tcp://[::1]:9100");
        assertThat(LabelPrinter.parse("file:/srv/labels")).isEqualTo(new FileLabelPrinter(Path.of("/srv/labels")));
        for (String bad : List.of("zebra:9100", "tcp://", "tcp://zebra:0", "tcp://zebra:70000", "tcp://zebra:9100/print", "tcp://u@zebra",
                "tcp://zebra?x=1", "tcp://ze bra", "file:", "http://zebra", "")) {
            assertThatThrownBy(() -> LabelPrinter.parse(bad)).as(bad).isInstanceOf(LabelException.class)
                    .hasMessageContaining("label printer '" + bad + "'").hasMessageContaining("tcp://HOST[:PORT]")
                    .satisfies(e -> assertThat(((LabelException) e).refused()).isTrue());
        }
    }
}
