package io.imprint.station.label;

import java.util.List;

/**
 * One label filled in: the QR code's text and the lines printed for people, as a template made them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param deviceId the board the label is for
 * @param qrText   what the QR code holds
 * @param lines    the human-readable lines, top to bottom
 */
public record LabelContent(String deviceId, String qrText, List<String> lines) {

    public LabelContent {
        lines = List.copyOf(lines);
    }
}
