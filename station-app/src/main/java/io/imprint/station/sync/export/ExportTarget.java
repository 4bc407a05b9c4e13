package io.imprint.station.sync.export;

import java.util.Locale;
import java.util.Optional;

/** What an offline export bundle is made for. */
public enum ExportTarget {
    /** AWS IoT bulk registration: a provisioning template and its newline-delimited JSON input. */
    AWS,
    /** Azure IoT Hub DPS: individual X.509 enrollments in bulk bodies of ten. */
    AZURE,
    /** A plain CSV of the batch's devices and certificates, for any other registry or spreadsheet. */
    CSV;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ExportTarget> named(String id) {
        for (ExportTarget t : values()) {
            if (t.id().equalsIgnoreCase(id)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
