package io.imprint.station.sync.export;

import io.imprint.station.report.SpreadsheetText;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The plain CSV target: one row per board with its certificate, for registries Imprint has no format
 * for. Cells a spreadsheet would run as a formula get a leading apostrophe, as in the batch report.
 *
 * <p>Not thread-safe: one export, one writer.
 */
final class CsvExport implements AutoCloseable {

    static final String FILE = "devices.csv";
    private static final String[] COLUMNS = {"device_id", "chip_uid", "hardware_revision", "firmware_version", "certificate_serial",
        "certificate_sha256", "not_after", "provisioned_at", "certificate_pem"};

    private final CSVPrinter csv;

    CsvExport(OutputStream out) throws IOException {
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}); // so Excel reads UTF-8
        csv = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.RFC4180.builder().setHeader(COLUMNS).get());
    }

    void add(ExportDevice d) {
        try {
            csv.printRecord(SpreadsheetText.cell(d.deviceId()), SpreadsheetText.cell(d.chipUid()), cell(d.hardwareRevision()),
                    cell(d.firmwareVersion()), d.serial(), d.certificateSha256(), d.notAfter(), d.provisionedAt(), d.certificatePem());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cell(String text) {
        return text == null ? "" : SpreadsheetText.cell(text);
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
