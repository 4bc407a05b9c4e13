package io.imprint.station.label;

/**
 * A batch's label settings: whether each passed board gets a label, where it is printed, what it says
 * and how large it is.
 *
 * <p>Immutable and thread-safe.
 *
 * @param batchId  the batch
 * @param enabled  false when a supervisor turned labels off (the rest is kept for turning them on again)
 * @param printer  where labels go
 * @param template what they say
 * @param size     their size and the printer's resolution
 */
public record LabelSettings(String batchId, boolean enabled, LabelPrinter printer, LabelTemplate template, LabelSize size) {
}
