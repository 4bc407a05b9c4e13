package io.imprint.station.label;

/**
 * A label that was not printed, told to the operator: never a FAIL, the board itself passed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param batchId  the board's batch
 * @param deviceId the board
 * @param text     what went wrong, what to check and how to reprint, in one sentence
 */
public record LabelNotice(String batchId, String deviceId, String text) {
}
