package io.imprint.station.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The report as a spreadsheet reads it: the per-device table, one row per device with its batch, as
 * RFC 4180 CSV in UTF-8 (with a byte-order mark, so Excel reads the unicode right). Every text cell goes
 * through {@link SpreadsheetText}. The summary is in the PDF and JSON reports; a CSV of two tables is
 * one no spreadsheet sorts or filters.
 *
 * <p>Not thread-safe.
 */
final class CsvReportWriter implements ReportWriter {

    static final String[] COLUMNS = {"batch", "device_id", "status", "chip_uid", "hardware_revision", "firmware_version", "certificate_serial",
        "certificate_sha256", "not_after", "slot", "operator", "attempts", "provisioned_at"};

    private final OutputStream out;
    private CSVPrinter csv;
    private String batchId;

    CsvReportWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void begin(BatchReport report) throws ReportException {
        batchId = SpreadsheetText.cell(report.header().batch().id());
        try {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            csv = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.RFC4180.builder().setHeader(COLUMNS).get());
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void device(DeviceLine d) throws ReportException {
        try {
            csv.printRecord(batchId, SpreadsheetText.cell(d.deviceId()), d.status(), SpreadsheetText.cell(d.chipUid()),
                    SpreadsheetText.cell(d.hardwareRevision()), SpreadsheetText.cell(d.firmwareVersion()), text(d.certificateSerial()),
                    text(d.certificateSha256()), time(d.notAfter()), SpreadsheetText.cell(d.slot()), SpreadsheetText.cell(d.operator()),
                    d.attempts(), time(d.provisionedAt()));
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public boolean summarised() {
        return false;
    }

    @Override
    public void end(long devices, ReportSections.AuditStatus audit) throws ReportException {
        try {
            csv.flush();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static String time(Instant t) {
        return t == null ? "" : t.toString();
    }

    private static ReportException failed(IOException e) {
        return new ReportException("cannot write the CSV report: " + e.getMessage(), e);
    }
}
