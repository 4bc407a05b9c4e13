package io.imprint.station.ui.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.station.sync.online.SyncCounts;
import io.imprint.station.sync.online.SyncService;
import io.imprint.station.sync.online.SyncTarget;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The app bar's line for the background sync, and how worried it looks. */
class SyncSummaryTest {

    private static SyncService.Status status(SyncTarget t, long pending, long synced, long failed, long conflict, SyncService.Phase phase, String message) {
        return new SyncService.Status(t, new SyncCounts(t, pending, synced, failed, conflict, 0), phase, message);
    }

    @Test
    void countsEachTargetAndLooksQuietWhenAllIsSynced() {
        SyncSummary s = SyncSummary.of(List.of(status(SyncTarget.AWS, 0, 1000, 0, 0, SyncService.Phase.IDLE, ""),
                status(SyncTarget.AZURE, 0, 1000, 0, 0, SyncService.Phase.IDLE, "")));
        assertThat(s.text()).isEqualTo("AWS: 0 pending · 1,000 synced · 0 failed    Azure: 0 pending · 1,000 synced · 0 failed");
        assertThat(s.level()).isEqualTo(SyncSummary.Level.SYNCED);
    }

    @Test
    void theWorstTargetSetsTheColourAndTheTooltipSaysWhatToDo() {
        SyncSummary waiting = SyncSummary.of(List.of(status(SyncTarget.AWS, 12, 5, 0, 0, SyncService.Phase.WAITING, "503 Service Unavailable")));
        assertThat(waiting.level()).isEqualTo(SyncSummary.Level.WAITING);
        assertThat(waiting.detail()).contains("503 Service Unavailable", "kept and sent when the registry answers");

        SyncSummary stopped = SyncSummary.of(List.of(status(SyncTarget.AWS, 0, 9, 0, 0, SyncService.Phase.IDLE, ""),
                status(SyncTarget.AZURE, 3, 0, 0, 0, SyncService.Phase.STOPPED, "azure refused the station's credentials: 401")));
        assertThat(stopped.level()).isEqualTo(SyncSummary.Level.PROBLEM);
        assertThat(stopped.detail()).contains("Azure: stopped: azure refused", "Check the credentials");

        SyncSummary refused = SyncSummary.of(List.of(status(SyncTarget.AZURE, 0, 7, 1, 1, SyncService.Phase.IDLE, "")));
        assertThat(refused.text()).isEqualTo("Azure: 0 pending · 7 synced · 2 failed");
        assertThat(refused.level()).isEqualTo(SyncSummary.Level.PROBLEM);
        assertThat(refused.detail()).contains("2 board(s) refused or in conflict", "imprint sync reconcile");

        assertThat(SyncSummary.of(List.of(status(SyncTarget.AWS, 4, 0, 0, 0, SyncService.Phase.SYNCING, ""))).level()).isEqualTo(SyncSummary.Level.PENDING);
    }

    @Test
    void noTargetIsOffAndBadSettingsSaySoWithoutStoppingTheStation() {
        assertThat(SyncSummary.of(List.of())).isEqualTo(SyncSummary.off());
        assertThat(SyncSummary.off().text()).isEqualTo("Cloud sync: off");
        SyncSummary bad = SyncSummary.misconfigured("setting sync.aws.rate is not a number: fast");
        assertThat(bad.level()).isEqualTo(SyncSummary.Level.PROBLEM);
        assertThat(bad.detail()).contains("sync.aws.rate", "the station provisions meanwhile");
    }
}
