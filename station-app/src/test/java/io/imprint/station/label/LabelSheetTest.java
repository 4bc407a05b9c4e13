package io.imprint.station.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.device.sim.BoardFarm;
import io.imprint.device.sim.BoardProfile;
import io.imprint.device.sim.FaultMode;
import io.imprint.station.batch.Strategy;
import io.imprint.station.engine.EngineFixture;
import io.imprint.station.engine.SlotView;
import io.imprint.station.engine.Step;
import io.imprint.station.store.Sql;
import io.imprint.station.store.Transactions;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A batch's PDF label sheet and reprints, from a batch log the engine filled on real parts, read back as
 * QA would: pdftotext, pdftoppm, and ZXing on the rendered page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabelSheetTest {

    static final int BOARDS = 22;

    EngineFixture f;
    List<SlotView> passed = new ArrayList<>();

    @BeforeAll
    void provisionABatch() throws Exception {
        f = new EngineFixture(Files.createTempDirectory("label-sheet"));
        f.openBatch("WO-SHEET", BOARDS + 5, Strategy.KEY_ON_BOARD, "device");
        try (BoardFarm farm = new BoardFarm(f.dir.resolve("boards"), 1, BoardProfile.keygen(EngineFixture.BAUD, Duration.ofMillis(5)), FaultMode.NONE)) {
            for (int i = 0; i < BOARDS; i++) {
                SlotView v = f.provision(farm, 0, "WO-SHEET");
                assertThat(v.step()).as(v.failure().toString()).isEqualTo(Step.PASSED);
                passed.add(v);
                farm.replug(0, true);
            }
        }
    }

    @AfterAll
    void close() {
        f.close();
    }

    @Test
    void theSheetHasEveryProvisionedBoardOnPagesThatRenderAndScan() throws Exception {
        Path pdf = f.dir.resolve("sheet.pdf");
        long labels = new LabelPrinting(f.db).sheet("WO-SHEET", pdf);

        assertThat(labels).isEqualTo(BOARDS);
        String text = run("pdftotext", "-raw", pdf.toString(), "-");
        for (SlotView v : passed) {
            assertThat(text).contains(v.deviceId().orElseThrow());
        }
        assertThat(text).contains("SHA-256");
        Path png = f.dir.resolve("page");
        run("pdftoppm", "-r", "150", "-png", pdf.toString(), png.toString());
        List<Path> pages;
        try (var list = Files.list(f.dir)) {
            pages = list.filter(p -> p.getFileName().toString().startsWith("page-")).sorted().toList();
        }
        assertThat(pages).hasSize(2);
        BufferedImage page = ImageIO.read(pages.getFirst().toFile());
        assertThat(page.getWidth()).isBetween(1230, 1250);
        // The first cell, as the sheet lays it out: the first board in device id order.
        double scale = 150 / 72.0;
        float cellWidth = (595.28f - 2 * LabelSheet.MARGIN) / LabelSheet.COLUMNS;
        float cellHeight = (841.89f - 2 * LabelSheet.MARGIN) / LabelSheet.ROWS;
        BufferedImage cell = page.getSubimage((int) (LabelSheet.MARGIN * scale), (int) (LabelSheet.MARGIN * scale), (int) (cellWidth * scale),
                (int) (cellHeight * scale));
        String first = passed.stream().map(v -> v.deviceId().orElseThrow()).sorted().findFirst().orElseThrow();
        assertThat(QrDecoding.decode(cell)).isEqualTo("imprint:device=" + first + ";wo=WO-SHEET;sha256=" + sha256(first));
    }

    @Test
    void aSheetOfAnUnknownBatchIsRefusedAndLeavesNoFile() throws Exception {
        Path pdf = f.dir.resolve("none.pdf");
        assertThatThrownBy(() -> new LabelPrinting(f.db).sheet("WO-NONE", pdf)).isInstanceOf(LabelException.class)
                .hasMessage("no batch WO-NONE in the batch log");
        assertThat(pdf).doesNotExist();
    }

    @Test
    void aReprintGoesToTheBatchsPrinterWithTheBatchsTemplate() throws Exception {
        Path dir = Files.createDirectories(f.dir.resolve("zpl"));
        Labels labels = new Labels(f.db, f.station.audit(), Clock.systemUTC());
        String device = passed.getFirst().deviceId().orElseThrow();
        assertThatThrownBy(() -> new LabelPrinting(f.db).reprint("WO-SHEET", device)).hasMessageContaining("has no label printer");
        labels.set("WO-SHEET", "file:" + dir, Optional.of(LabelTemplate.of("{workOrder}:{deviceId}", List.of("{deviceId}"))),
                Optional.of(new LabelSize(60, 40, 300)), "sup");
        labels.off("WO-SHEET", "sup");

        new LabelPrinting(f.db).reprint("WO-SHEET", device);

        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.toList();
        }
        assertThat(files).hasSize(1);
        String zpl = Files.readString(files.getFirst());
        assertThat(QrDecoding.zplQrData(zpl)).isEqualTo("WO-SHEET:" + device);
        assertThat(zpl).contains("^PW709^LL472");
        assertThatThrownBy(() -> new LabelPrinting(f.db).reprint("WO-SHEET", "SIM-NOPE")).hasMessage("batch WO-SHEET has no provisioned device SIM-NOPE");
    }

    private String sha256(String device) throws Exception {
        return Transactions.inTransaction(f.db, tx -> Sql.query(tx, "SELECT c.sha256 FROM certificates c JOIN devices d ON d.certificate_serial = c.serial"
                + " WHERE d.device_id = ?", rs -> rs.getString(1), device).getFirst());
    }

    static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
