package io.imprint.station.sync.export;

import io.imprint.station.batch.Batch;
import io.imprint.station.report.SpreadsheetText;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * The nRF Cloud target: the bulk onboarding CSV Nordic's own tools write ({@code onboard.csv}, no header,
 * one row per board: device id, sub type, tags separated by {@code |}, firmware types, certificate PEM),
 * for the portal's or the REST API's bulk onboarding.
 *
 * <p>Not thread-safe: one export, one writer.
 */
final class NrfCloudExport implements AutoCloseable {

    static final String FILE = "onboard.csv";
    /** Letters, digits and {@code - _ . :}, starting with a letter or digit: never a formula, never a second column. */
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private final CSVPrinter csv;
    private final String tags;

    NrfCloudExport(Batch batch, OutputStream out) throws ExportException {
        // The thing group is the batch's fleet name; nRF Cloud calls those tags (device groups).
        this.tags = SpreadsheetText.cell(batch.cloud().thingGroup().orElse(""));
        if (tags.contains("|")) {
            throw ExportException.refused("thing group " + tags + " of batch " + batch.id() + " holds '|', which nRF Cloud reads as between two tags");
        }
        // No BOM and CRLF-free: Nordic's tools read the file as plain UTF-8 lines; the PEM is quoted, as theirs is.
        csv = printer(out);
    }

    private static CSVPrinter printer(OutputStream out) throws ExportException {
        try {
            return new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                    CSVFormat.RFC4180.builder().setRecordSeparator('\n').setQuoteMode(QuoteMode.MINIMAL).get());
        } catch (IOException e) {
            throw ExportException.failed("cannot start " + FILE + ": " + e.getMessage(), e);
        }
    }

    void add(ExportDevice d) throws ExportException {
        if (!DEVICE_ID.matcher(d.deviceId()).matches()) {
            throw ExportException.refused("device id " + d.deviceId() + " cannot be an nRF Cloud device id (letters, digits and - _ . :, at most 128)");
        }
        try {
            csv.printRecord(d.deviceId(), "", tags, "", d.certificatePem());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
