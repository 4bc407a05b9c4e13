package io.imprint.station.label;

import java.util.Objects;

/**
 * What a label can show of one board, as the batch log has it. The device id comes from the board and
 * is untrusted: renderers escape it for their format.
 *
 * <p>Immutable and thread-safe.
 *
 * @param deviceId  the board's id
 * @param sha256    the SHA-256 fingerprint of its certificate, lower-case hex
 * @param workOrder the batch id
 * @param serial    the certificate's serial, lower-case hex
 * @param product   the batch's product
 */
public record LabelFields(String deviceId, String sha256, String workOrder, String serial, String product) {

    public LabelFields {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(workOrder, "workOrder");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(product, "product");
    }

    /** The value of a placeholder's name, or null for a name that is not one. */
    String value(String placeholder) {
        return switch (placeholder) {
            case "deviceId" -> deviceId;
            case "sha256" -> sha256;
            case "sha256short" -> sha256.length() > 16 ? sha256.substring(0, 16) : sha256;
            case "workOrder" -> workOrder;
            case "serial" -> serial;
            case "product" -> product;
            default -> null;
        };
    }
}
