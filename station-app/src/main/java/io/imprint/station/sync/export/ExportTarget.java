package io.imprint.station.sync.export;

import java.util.Locale;
import java.util.Optional;

/** What an offline export bundle is made for. */
public enum ExportTarget {
    /** AWS IoT bulk registration: a provisioning template and its newline-delimited JSON input. */
    AWS,
    /** Azure IoT Hub DPS: bulk bodies of individual X.509 enrollments. */
    AZURE,
    /** nRF Cloud: the bulk onboarding CSV. */
    NRFCLOUD,
    /** A Microchip-style manifest: one JWS per board, signed by the station key. */
    MANIFEST,
    /** A plain CSV of the batch's devices and certificates, for any other registry or spreadsheet. */
    CSV;

    /** Targets whose registry takes each board's own certificate: a claim batch's boards have none. */
    public boolean needsDeviceCertificates() {
        return this == AWS || this == AZURE;
    }

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
