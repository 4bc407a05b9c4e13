package io.imprint.station.ui.sync;

import io.imprint.station.sync.online.SyncCounts;
import io.imprint.station.sync.online.SyncService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The background sync in one line for the app bar, how worried to look, and what to do, from the
 * service's statuses. Pure: no JavaFX, so the wording is tested without a screen.
 *
 * @param text   e.g. {@code AWS: 12 pending · 1,000 synced · 2 failed}
 * @param detail the tooltip: each target's state and, when it needs one, the action
 */
public record SyncSummary(String text, Level level, String detail) {

    /** Muted when all is synced, amber while entries wait, red when a person must act. */
    public enum Level { OFF, SYNCED, PENDING, WAITING, PROBLEM }

    public static SyncSummary off() {
        return new SyncSummary("Cloud sync: off", Level.OFF, "No cloud registry is configured (imprint sync configure --target aws|azure …)");
    }

    /** The settings could not be read: the station runs, the sync does not. */
    public static SyncSummary misconfigured(String why) {
        return new SyncSummary("Cloud sync: not running", Level.PROBLEM, "The sync settings are wrong: " + why
                + ". An admin fixes them with imprint sync configure; the station provisions meanwhile, and nothing is lost.");
    }

    public static SyncSummary of(List<SyncService.Status> statuses) {
        if (statuses.isEmpty()) {
            return off();
        }
        List<String> parts = new ArrayList<>();
        List<String> details = new ArrayList<>();
        Level level = Level.SYNCED;
        for (SyncService.Status s : statuses) {
            SyncCounts c = s.counts();
            String name = s.target().id().equals("aws") ? "AWS" : "Azure";
            parts.add(String.format(Locale.ROOT, "%s: %,d pending · %,d synced · %,d failed", name, c.pending(), c.synced(), c.attention()));
            Level l = c.attention() > 0 || s.phase() == SyncService.Phase.STOPPED ? Level.PROBLEM
                    : s.phase() == SyncService.Phase.WAITING ? Level.WAITING
                    : c.pending() > 0 ? Level.PENDING : Level.SYNCED;
            level = l.compareTo(level) > 0 ? l : level;
            details.add(detail(name, s));
        }
        return new SyncSummary(String.join("    ", parts), level, String.join("\n", details));
    }

    private static String detail(String name, SyncService.Status s) {
        String what = switch (s.phase()) {
            case SYNCING -> "sending";
            case IDLE -> "up to date, watching for new boards";
            case WAITING -> "waiting to try again: " + s.message() + ". Boards are kept and sent when the registry answers.";
            case STOPPED -> "stopped: " + s.message() + ". Check the credentials the settings name (imprint sync status shows more); "
                    + "it tries again every few minutes.";
        };
        String attention = s.counts().attention() > 0
                ? " " + s.counts().attention() + " board(s) refused or in conflict: a supervisor runs imprint sync status, then imprint sync reconcile." : "";
        return name + ": " + what + attention;
    }
}
