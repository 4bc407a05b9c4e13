package io.imprint.station.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.ca.testing.TestTokens;
import io.imprint.device.sim.BoardFarm;
import io.imprint.device.sim.BoardProfile;
import io.imprint.device.sim.FaultMode;
import io.imprint.station.testing.Cli;
import io.imprint.station.testing.Cli.Run;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code imprint label …} and {@code imprint run} with labels, as a supervisor and an operator use them. */
class LabelCliTest {

    @TempDir
    Path dir;

    Run station(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dir.toString(), "--station-id", "line-3", "--user", "alice"));
        return Cli.imprint(all);
    }

    Run readOnly(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dir.toString()));
        return Cli.imprint(all);
    }

    @Test
    void aRunWithThePrinterOffWarnsAndPassesThenLabelsAreReprintedAndPutOnASheet() throws Exception {
        TestTokens.stationCa(dir, "line-3");
        assertThat(station("batch", "create", "--id", "WO-7", "--product", "Sensor S1", "--role", "telemetry", "--quantity", "10").exit()).isZero();
        assertThat(station("batch", "open", "WO-7").exit()).isZero();

        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Run set = station("label", "set", "--batch", "WO-7", "--printer", "tcp://127.0.0.1:" + closed, "--line", "{deviceId}", "--line", "WO {workOrder}");
        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(set.out()).isEqualTo("labels of batch WO-7: on, printer tcp://127.0.0.1:" + closed
                + ", 50x30 mm at 203 dpi, QR 'imprint:device={deviceId};wo={workOrder};sha256={sha256}', lines ['{deviceId}', 'WO {workOrder}']\n");

        Run noBatch = station("label", "set", "--batch", "WO-NONE", "--printer", "tcp://zebra");
        assertThat(noBatch.exit()).isEqualTo(3);
        assertThat(noBatch.err()).isEqualTo("refused: no batch WO-NONE in the batch log\n");
        Run typo = station("label", "set", "--batch", "WO-7", "--printer", "tcp://zebra", "--template", "{deviceID}");
        assertThat(typo.exit()).isEqualTo(3);
        assertThat(typo.err()).startsWith("refused: the label template's QR text has an unknown placeholder {deviceID}").hasLineCount(1);
        Run badPrinter = station("label", "set", "--batch", "WO-7", "--printer", "zebra:9100");
        assertThat(badPrinter.exit()).isEqualTo(3);
        assertThat(badPrinter.err()).startsWith("refused: label printer 'zebra:9100' must be tcp://HOST[:PORT]");
        assertThat(readOnly("label", "show", "--batch", "WO-7").out()).as("refusals changed nothing").contains("on, printer tcp://127.0.0.1:" + closed);

        try (BoardFarm farm = new BoardFarm(dir.resolve("boards"), 2, BoardProfile.keygen(115200, Duration.ofMillis(5)), FaultMode.NONE)) {
            Run run = station("run", "--batch", "WO-7", "--ports", farm.socketLink(0) + "," + farm.socketLink(1), "--boards", "2");
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out().lines().filter(l -> l.contains(" PASS "))).hasSize(2);
            for (int i = 0; i < 2; i++) {
                String device = farm.flash(i).deviceId();
                assertThat(run.out()).contains("warning: Label printer tcp://127.0.0.1:" + closed + " is not answering (connection refused): label for "
                        + device + " not printed — check the printer is on and on the network; reprint with imprint label print --batch WO-7 --device " + device);
            }
            String device = farm.flash(0).deviceId();

            Run offline = readOnly("label", "print", "--batch", "WO-7", "--device", device);
            assertThat(offline.exit()).isEqualTo(1);
            assertThat(offline.err()).isEqualTo("error: Label printer tcp://127.0.0.1:" + closed
                    + " is not answering (connection refused) — check the printer is on and on the network\n");

            Path zpl = Files.createDirectories(dir.resolve("zpl"));
            assertThat(station("label", "set", "--batch", "WO-7", "--printer", "file:" + zpl).exit()).isZero();
            Run reprint = readOnly("label", "print", "--batch", "WO-7", "--device", device);
            assertThat(reprint.exit()).as(reprint.err()).isZero();
            assertThat(reprint.out()).isEqualTo("label for " + device + " sent to file:" + zpl + "\n");
            try (var files = Files.list(zpl)) {
                assertThat(files.toList()).singleElement().satisfies(f -> assertThat(Files.readString(f)).startsWith("^XA").contains(device));
            }

            Path pdf = dir.resolve("WO-7-labels.pdf");
            Run sheet = readOnly("label", "sheet", "--batch", "WO-7", "--out", pdf.toString());
            assertThat(sheet.exit()).as(sheet.err()).isZero();
            assertThat(sheet.out()).contains("label sheet of batch WO-7: 2 label(s) written to " + pdf);
            assertThat(Files.size(pdf)).isPositive();
        }

        Run off = station("label", "off", "--batch", "WO-7");
        assertThat(off.out()).isEqualTo("labels of batch WO-7 are off\n");
        assertThat(readOnly("label", "show", "--batch", "WO-7").out()).startsWith("labels of batch WO-7: off, printer file:");
    }

    @Test
    void badRequestsAreRefusedInOneLine() throws Exception {
        Run noLog = readOnly("label", "sheet", "--batch", "WO-1", "--out", dir.resolve("x.pdf").toString());
        assertThat(noLog.exit()).isEqualTo(1);
        assertThat(noLog.err()).startsWith("error: no batch log at ").hasLineCount(1);
        Run usage = readOnly("label", "print", "--batch", "WO-1");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("Missing required option: '--device=DEVICE-ID'");
    }
}
