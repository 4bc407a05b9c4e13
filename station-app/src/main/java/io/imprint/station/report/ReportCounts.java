package io.imprint.station.report;

/**
 * A batch's counts and yields. A unit is a board: each identified device once, however often it was
 * tried, and each attempt that failed before the board told its id (such a board cannot be told apart
 * from another, so it counts as one unit of its own).
 *
 * @param quantity        the batch's quota
 * @param done            devices provisioned in the batch now
 * @param failed          units whose last attempt failed (devices left FAILED, and unidentified failures)
 * @param abandoned       attempts the station abandoned (it stopped while a board was on a slot)
 * @param remaining       places left of the quota
 * @param units           units tried
 * @param passedUnits     units that passed, on any attempt
 * @param firstPassUnits  units that passed on their first attempt
 * @param attempts        finished attempts
 * @param retries         finished attempts beyond each unit's first
 *
 * <p>Immutable and thread-safe.
 */
public record ReportCounts(int quantity, long done, long failed, long abandoned, long remaining, long units, long passedUnits,
                           long firstPassUnits, long attempts, long retries) {

    /** Units that passed, per cent of units tried; 0 when none was tried. */
    public double yieldPercent() {
        return percent(passedUnits, units);
    }

    /** Units that passed on their first attempt, per cent of units tried. */
    public double firstPassYieldPercent() {
        return percent(firstPassUnits, units);
    }

    static double percent(long part, long whole) {
        return whole == 0 ? 0.0 : 100.0 * part / whole;
    }
}
