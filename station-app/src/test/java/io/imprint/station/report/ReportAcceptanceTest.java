package io.imprint.station.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imprint.device.sim.BoardFarm;
import io.imprint.device.sim.BoardProfile;
import io.imprint.device.sim.FaultMode;
import io.imprint.device.sim.Flash;
import io.imprint.station.audit.AuditVerifier;
import io.imprint.station.batch.Batch;
import io.imprint.station.batch.Strategy;
import io.imprint.station.engine.EngineFixture;
import io.imprint.station.engine.SlotView;
import io.imprint.station.engine.Step;
import io.imprint.station.store.Sql;
import io.imprint.station.store.Transactions;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports of a batch provisioned on real parts (SoftHSM CA, H2 file, virtual boards on ptys), read back
 * as QA would: pdftotext shows the counts the H2 file holds, pdftoppm renders every page, the CSV
 * parses back with every device and a board named like a formula stays text, the JSON has it all.
 * The batch is made once for the class (provisioning is the slow part); every test only reads it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportAcceptanceTest {

    static final String BATCH = "WO-R1";
    static final String PRODUCT = "Capteur Ω-Température «Nord» Датчик";
    static final String FORMULA_ID = "=HYPERLINK(\"http://x\")";

    Path dir;
    EngineFixture fx;
    Reports reports;
    BoardFarm farm;
    final List<SlotView> views = new ArrayList<>();

    @BeforeAll
    void provisionABatch(@TempDir Path tmp) throws Exception {
        dir = tmp;
        fx = new EngineFixture(dir);
        fx.batches.create(new Batch(BATCH, PRODUCT, "telemetry", 10, Strategy.KEY_ON_BOARD, "device", null, Batch.CloudAttributes.none(), null, null), "sup");
        fx.batches.open(BATCH, "sup");
        fx.batches.create(new Batch("WO-EMPTY", "Leer ü", "telemetry", 5, Strategy.KEY_ON_BOARD, "device", null, Batch.CloudAttributes.none(), null, null), "sup");
        // The first board of the fixture carries a device id a spreadsheet would run as a formula; its CSR
        // names it (PROTOCOL.md §6.3: the CN is the id's text), and the CA refuses such an id, so it is on record as FAILED.
        Files.createDirectories(dir.resolve("boards"));
        Flash.open(dir.resolve("boards").resolve("board-01-0001.flash"), FORMULA_ID);
        assertThat(dir.resolve("boards").resolve("board-01-0001.flash")).exists();
        farm = new BoardFarm(dir.resolve("boards"), 3, BoardProfile.keygen(0, Duration.ZERO), FaultMode.NONE);
        views.add(fx.provision(farm, 0, BATCH));
        views.add(fx.provision(farm, 1, BATCH));
        farm.board(2).fault(FaultMode.WRONG_SUBJECT_CSR);
        views.add(fx.provision(farm, 2, BATCH));
        farm.board(2).fault(FaultMode.NONE);
        views.add(fx.provision(farm, 2, BATCH));
        reports = new Reports(fx.db, fx.caDir.loadChain(), AuditVerifier.trustingRecordedKeys(), Clock.systemUTC());
    }

    @AfterAll
    void close() {
        farm.close();
        fx.close();
    }

    @Test
    void theBoardsPassedAndFailedAsScripted() {
        assertThat(views).as(views.toString()).extracting(SlotView::step).containsExactly(Step.FAILED, Step.PASSED, Step.FAILED, Step.PASSED);
        assertThat(views.get(0).deviceId()).contains(FORMULA_ID);
    }

    @Test
    void pdfTextShowsTheCountsTheBatchLogHoldsAndEveryPageRenders() throws Exception {
        Path pdf = dir.resolve("out/report.pdf");
        assertThat(reports.write(BATCH, "qa-lee", ReportFormat.PDF, pdf)).isEqualTo(3);
        String text = run("pdftotext", "-raw", pdf.toString(), "-");
        long done = sql("SELECT COUNT(*) FROM devices WHERE batch_id = ? AND status = 'PROVISIONED'");
        long failedAttempts = sql("SELECT COUNT(*) FROM attempts WHERE batch_id = ? AND outcome = 'FAILED'");
        long attempts = sql("SELECT COUNT(*) FROM attempts WHERE batch_id = ? AND outcome IS NOT NULL");
        long failedDevices = sql("SELECT COUNT(*) FROM devices WHERE batch_id = ? AND status = 'FAILED'");
        assertThat(done).isEqualTo(2);
        assertThat(failedAttempts).isEqualTo(2);
        assertThat(text).contains("Batch report " + BATCH, PRODUCT, "qa-lee", "station-test", "Audit trail: intact");
        // The tiles: each number stands above its name.
        assertThat(tile(text, "Done")).isEqualTo(Long.toString(done));
        assertThat(tile(text, "Failed")).isEqualTo(Long.toString(failedDevices));
        assertThat(tile(text, "Abandoned")).isEqualTo("0");
        assertThat(tile(text, "Remaining")).isEqualTo(Long.toString(10 - done));
        assertThat(tile(text, "Attempts")).isEqualTo(Long.toString(attempts));
        assertThat(tile(text, "Retries")).isEqualTo("1");
        assertThat(tile(text, "Yield")).isEqualTo("66.7 %"); // 2 of 3 boards passed
        assertThat(tile(text, "First-pass yield")).isEqualTo("33.3 %"); // 1 of 3 on its first attempt
        assertThat(failedAttempts).isEqualTo(2);
        assertThat(text).contains("Board made a faulty key request 1 50.0 %", "CA refused the board: device id '" + FORMULA_ID + "' has characters other than");
        for (String id : deviceIds()) {
            assertThat(text).contains(id);
        }
        assertThat(text).contains("3 devices listed.");
        assertThat(pages(pdf)).isGreaterThanOrEqualTo(3);
        int pages = pages(pdf);
        Path png = dir.resolve("out/page");
        run("pdftoppm", "-r", "40", "-png", pdf.toString(), png.toString());
        try (var files = Files.list(dir.resolve("out"))) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("page") && f.toString().endsWith(".png"))
                    .filter(f -> f.toFile().length() > 1000).count()).isEqualTo(pages);
        }
    }

    @Test
    void csvParsesBackWithEveryDeviceAndAFormulaIdStaysText() throws Exception {
        Path csv = dir.resolve("report.csv");
        reports.write(BATCH, "qa", ReportFormat.CSV, csv);
        List<CSVRecord> rows;
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            assertThat(r.read()).as("byte-order mark").isEqualTo(0xFEFF);
            rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
        assertThat(rows).hasSize(deviceIds().size());
        assertThat(rows).extracting(r -> r.get("device_id").replaceFirst("^'", "")).containsExactlyInAnyOrderElementsOf(deviceIds());
        CSVRecord formula = rows.stream().filter(r -> r.get("device_id").contains("HYPERLINK")).findFirst().orElseThrow();
        assertThat(formula.get("device_id")).isEqualTo("'" + FORMULA_ID);
        assertThat(formula.get("status")).isEqualTo("FAILED");
        assertThat(formula.get("certificate_sha256")).isEmpty();
        for (CSVRecord r : rows) {
            for (String cell : r.values()) {
                assertThat(cell).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@");
            }
            assertThat(r.get("batch")).isEqualTo(BATCH);
        }
        assertThat(rows).filteredOn(r -> r.get("status").equals("PROVISIONED")).hasSize(2)
                .allSatisfy(r -> assertThat(r.get("certificate_sha256")).matches("[0-9a-f]{64}"));
        assertThat(rows.stream().mapToLong(r -> Long.parseLong(r.get("attempts"))).sum()).isEqualTo(4);
    }

    @Test
    void jsonCarriesTheSummaryAndEveryDevice() throws Exception {
        Path json = dir.resolve("report.json");
        reports.write(BATCH, "qa", ReportFormat.JSON, json);
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.at("/header/product").asText()).isEqualTo(PRODUCT);
        assertThat(root.at("/header/caChain")).hasSize(2);
        assertThat(root.at("/header/openedBy").asText()).isEqualTo("sup");
        assertThat(root.at("/counts/done").asLong()).isEqualTo(2);
        assertThat(root.at("/counts/units").asLong()).isEqualTo(3);
        assertThat(root.at("/counts/firstPassUnits").asLong()).isEqualTo(1);
        assertThat(root.at("/counts/abandoned").asLong()).isZero();
        assertThat(root.at("/failures")).hasSize(2);
        assertThat(root.at("/failures/0/count").asLong() + root.at("/failures/1/count").asLong()).isEqualTo(2);
        assertThat(root.at("/cycleTimes/count").asLong()).isEqualTo(2);
        long bucketed = 0;
        for (JsonNode b : root.at("/cycleTimes/histogram")) {
            bucketed += b.get("count").asLong();
        }
        assertThat(bucketed).isEqualTo(2);
        assertThat(root.at("/slots")).hasSize(3);
        assertThat(root.at("/operators/0/attempts").asLong()).isEqualTo(4);
        assertThat(root.at("/steps").size()).isGreaterThanOrEqualTo(6);
        assertThat(root.at("/audit/intact").asBoolean()).isTrue();
        assertThat(root.at("/devices")).hasSize(3);
        assertThat(root.at("/deviceCount").asLong()).isEqualTo(3);
        List<String> ids = new ArrayList<>();
        root.at("/devices").forEach(d -> ids.add(d.get("deviceId").asText()));
        assertThat(ids).containsExactlyInAnyOrderElementsOf(deviceIds());
    }

    @Test
    void stepTimingsFromTheAttemptsOwnColumnAgreeWithAttemptStepsAndOlderAttemptsFallBackToThem() throws Exception {
        try (var tx = fx.db.connection()) {
            tx.setAutoCommit(false);
            List<ReportSections.StepTiming> fromRows = ReportQueries.stepRows(tx, BATCH);
            AttemptScan scan = scan(tx);
            assertThat(fromRows).extracting(ReportSections.StepTiming::step).contains("IDENTIFIED", "KEY_CSR", "PASSED");
            assertThat(scan.untimedInRow).isZero();
            assertThat(scan.steps()).isEqualTo(fromRows);
            // An attempt finished before V8 has its timings in attempt_steps only.
            Sql.update(tx, "UPDATE attempts SET step_millis = NULL WHERE batch_id = ? AND outcome = 'PASSED'", BATCH);
            AttemptScan older = scan(tx);
            assertThat(older.untimedInRow).isEqualTo(2);
            assertThat(older.steps()).isNotEqualTo(fromRows);
            tx.rollback();
        }
        assertThat(reports.summary(BATCH, "qa").steps()).isEqualTo(Transactions.inTransaction(fx.db, tx -> ReportQueries.stepRows(tx, BATCH)));
    }

    @Test
    void anEmptyBatchWithAUnicodeProductReportsInEveryFormat() throws Exception {
        for (ReportFormat f : ReportFormat.values()) {
            Path file = dir.resolve("empty." + f.extension());
            assertThat(reports.write("WO-EMPTY", "qa", f, file)).isZero();
        }
        String text = run("pdftotext", "-raw", dir.resolve("empty.pdf").toString(), "-");
        assertThat(text).contains("Leer ü", "No devices in this batch yet.", "not closed", "never");
        assertThat(tile(text, "Remaining")).isEqualTo("5");
        assertThat(tile(text, "Done")).isEqualTo("0");
        assertThat(Files.readAllLines(dir.resolve("empty.csv"))).hasSize(1);
        assertThat(new ObjectMapper().readTree(dir.resolve("empty.json").toFile()).at("/devices")).isEmpty();
    }

    @Test
    void anUnknownBatchIsRefusedAndLeavesNoFile() throws Exception {
        Path file = dir.resolve("nothing/none.pdf");
        assertThatThrownBy(() -> reports.write("WO-NOPE", "qa", ReportFormat.PDF, file)).isInstanceOf(ReportException.class)
                .hasMessage("no batch WO-NOPE in the batch log").matches(e -> ((ReportException) e).refused());
        assertThat(file.getParent()).doesNotExist();
    }

    private static AttemptScan scan(java.sql.Connection tx) throws Exception {
        try (BatchAttempts attempts = BatchAttempts.open(tx, BATCH)) {
            return attempts.scan();
        }
    }

    private List<String> deviceIds() throws Exception {
        return Transactions.inTransaction(fx.db, tx -> Sql.query(tx, "SELECT device_id FROM devices WHERE batch_id = ?", rs -> rs.getString(1), BATCH));
    }

    private long sql(String query) throws Exception {
        return Transactions.inTransaction(fx.db, tx -> Sql.count(tx, query, BATCH));
    }

    /** The value printed above a tile's name (pdftotext -raw keeps a tile's two lines in order). */
    static String tile(String text, String name) {
        var m = Pattern.compile("(?m)^(\\d+(?:\\.\\d %)?)\\R" + Pattern.quote(name) + "$").matcher(text);
        if (!m.find()) {
            throw new AssertionError("no tile " + name + " in:\n" + text);
        }
        return m.group(1);
    }

    static int pages(Path pdf) throws Exception {
        var m = Pattern.compile("Pages:\\s+(\\d+)").matcher(run("pdfinfo", pdf.toString()));
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }
}
