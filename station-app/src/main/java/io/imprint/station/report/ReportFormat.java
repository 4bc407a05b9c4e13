package io.imprint.station.report;

import java.io.OutputStream;
import java.util.Locale;

/**
 * The formats a report can be written in, and the file name ending of each.
 *
 * <p>Immutable and thread-safe.
 */
public enum ReportFormat {
    PDF("pdf"),
    CSV("csv"),
    JSON("json");

    private final String extension;

    ReportFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    public ReportWriter writer(OutputStream out) {
        return switch (this) {
            case PDF -> new PdfReportWriter(out);
            case CSV -> new CsvReportWriter(out);
            case JSON -> new JsonReportWriter(out);
        };
    }

    /** The format a name (pdf, CSV, …) or a file's ending names; empty if none. */
    public static java.util.Optional<ReportFormat> named(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (ReportFormat f : values()) {
            if (n.equals(f.extension) || n.endsWith("." + f.extension)) {
                return java.util.Optional.of(f);
            }
        }
        return java.util.Optional.empty();
    }
}
