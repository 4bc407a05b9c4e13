package io.imprint.station.ui.line;

import io.imprint.device.family.FamilySettings;
import io.imprint.device.port.BoardPorts;
import io.imprint.station.audit.AuditVerification;
import io.imprint.station.audit.AuditVerifier;
import io.imprint.station.audit.ChainFollower;
import io.imprint.station.batch.Batch;
import io.imprint.station.engine.SlotObserver;
import io.imprint.station.engine.Station;
import io.imprint.station.label.LabelService;
import io.imprint.station.run.BatchCounts;
import io.imprint.station.run.PortBinding;
import io.imprint.station.run.SlotFamilies;
import io.imprint.station.run.SlotRunner;
import io.imprint.station.run.StationSettings;
import io.imprint.station.store.StoreException;
import io.imprint.station.ui.Background;
import io.imprint.station.ui.FxSlotObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a batch on the line: a {@link SlotRunner} thread per bound slot, their views handed to the
 * {@link LineModel} through the {@link FxSlotObserver}, the batch counters re-read from the batch log
 * after each finished board, a label printed for each passed board of a batch that wants them (a printer
 * that is off is an alert, never a FAIL), the disk watched every 30 s and the audit chain verified on demand. The
 * engine is observed, never driven from the FX thread.
 *
 * <p>Start and stop from the FX thread; the work happens on the slots' and background threads.
 */
public final class LineController implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LineController.class);
    static final long DISK_WARNING_BYTES = 500L * 1024 * 1024;

    private final Station station;
    private final BoardPorts ports;
    private final Background background;
    private final LineModel model;
    private final Path dataDir;
    private final List<SlotRunner> runners = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Timeline ticker;
    private final LabelService labels;
    private ScheduledExecutorService disk;
    private Batch batch;
    private boolean countsInFlight;
    private boolean countsAgain;
    /** Set on the FX thread once the chain was verified in full; advanced in the background. */
    private volatile ChainFollower follower;
    private boolean diskWarned;

    public LineController(Station station, BoardPorts ports, Background background, LineModel model, Path dataDir) {
        this.station = station;
        this.ports = ports;
        this.background = background;
        this.model = model;
        this.dataDir = dataDir;
        this.ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> model.tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        this.labels = new LabelService(station.db(), notice -> Platform.runLater(() ->
                model.alert(StationAlert.labelNotPrinted(notice.deviceId(), notice.text()))));
    }

    /** Lays the slots out (idle), before any batch runs. */
    public void bind(List<PortBinding> bindings) {
        model.slots(names(bindings.size()), bindings.stream().map(PortBinding::describe).toList());
    }

    /**
     * What a line needs read from the batch log before its slots start: their bindings and families,
     * and what to tell the operator about settings that could not be used.
     *
     * @param bindings a binding per slot
     * @param families each slot's board family, in the order of {@code bindings}
     * @param notes    lines for the event log
     */
    public record Plan(List<PortBinding> bindings, List<FamilySettings> families, List<String> notes) {
        public Plan {
            bindings = List.copyOf(bindings);
            families = List.copyOf(families);
            notes = List.copyOf(notes);
        }
    }

    /** Reads the station's settings for {@code bindings}. Slow (the batch log): background only. */
    public static Plan plan(Station station, List<PortBinding> bindings) {
        List<String> notes = new ArrayList<>();
        Map<String, String> settings;
        try {
            settings = new StationSettings(station.db(), station.audit()).all();
        } catch (StoreException e) {
            notes.add("Station settings unreadable (" + e.getMessage() + "): every slot probes its boards' family");
            settings = Map.of();
        }
        List<FamilySettings> families = new ArrayList<>();
        for (int slot = 1; slot <= bindings.size(); slot++) {
            try {
                families.add(SlotFamilies.forSlot(settings, slot));
            } catch (IllegalArgumentException e) {
                notes.add(e.getMessage() + ": the slot probes its boards' family");
                families.add(FamilySettings.probing());
            }
        }
        return new Plan(bindings, families, notes);
    }

    /** Starts every slot of {@code plan} on {@code batch}, provisioning as {@code operator}. */
    public void start(Batch batch, String operator, Plan plan, int baud) {
        stop();
        this.batch = batch;
        List<PortBinding> bindings = plan.bindings();
        bind(bindings);
        model.header().batch(batch);
        FxSlotObserver observer = new FxSlotObserver(Platform::runLater, model::view, done -> {
            model.finished(done);
            refreshCounts();
            followAudit();
        });
        List<String> names = names(bindings.size());
        SlotObserver labelled = labels.observing(batch.id(), observer);
        plan.notes().forEach(model::note);
        for (int i = 0; i < bindings.size(); i++) {
            SlotRunner r = new SlotRunner(station, ports, names.get(i), bindings.get(i), batch.id(), operator, baud, labelled, observer::finished)
                    .families(plan.families().get(i));
            runners.add(r);
            threads.add(Thread.ofPlatform().name(names.get(i)).daemon().start(r));
        }
        ticker.play();
        refreshCounts();
        watchDisk();
        model.note("Batch " + batch.id() + " started by " + operator + " on " + bindings.size() + " slot(s)");
    }

    /** Stops the slots; a board being provisioned finishes its attempt on its own thread. */
    public void stop() {
        if (!runners.isEmpty()) {
            runners.forEach(SlotRunner::stop);
            runners.clear();
            model.note("Slots stopped");
        }
        ticker.stop();
        if (disk != null) {
            disk.shutdownNow();
            disk = null;
        }
    }

    public boolean running() {
        return !runners.isEmpty();
    }

    /** Re-reads the counters; while a read is under way, one more is queued rather than many. */
    private void refreshCounts() {
        if (batch == null) {
            return;
        }
        if (countsInFlight) {
            countsAgain = true;
            return;
        }
        countsInFlight = true;
        Batch b = batch;
        background.run(() -> BatchCounts.read(station.db(), b.id(), b.quantity()), counts -> {
            countsInFlight = false;
            model.counts(counts);
            if (countsAgain) {
                countsAgain = false;
                refreshCounts();
            }
        }, e -> {
            countsInFlight = false;
            LOG.warn("cannot read the batch counters: {}", e.toString());
        });
    }

    private void watchDisk() {
        disk = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("disk-watch").daemon().factory());
        disk.scheduleWithFixedDelay(() -> {
            try {
                long free = Files.getFileStore(Files.isDirectory(dataDir) ? dataDir : dataDir.getParent()).getUsableSpace();
                Platform.runLater(() -> diskSpace(free));
            } catch (IOException e) {
                LOG.warn("cannot read the free space of {}: {}", dataDir, e.toString());
            }
        }, 0, 30, TimeUnit.SECONDS);
    }

    void diskSpace(long freeBytes) {
        if (freeBytes < DISK_WARNING_BYTES && !diskWarned) {
            diskWarned = true;
            model.alert(StationAlert.diskNearlyFull(freeBytes / (1024 * 1024)));
        } else if (freeBytes >= DISK_WARNING_BYTES) {
            diskWarned = false;
        }
    }

    /**
     * Verifies the audit chain in the background and shows the verdict; from then on each finished board
     * moves the count on by checking only the events appended since ({@link ChainFollower}).
     */
    public void verifyAudit() {
        model.auditStatus("Audit chain: checking…", true);
        follower = null;
        background.run(() -> {
            AuditVerification v = AuditVerifier.trustingRecordedKeys().verifyDatabase(station.db());
            ChainFollower f = ChainFollower.after(v, station.db());
            return new Verified(v, f, f.advance(station.db()));
        }, verified -> {
            follower = verified.follower();
            showAudit(verified.state(), verified.full());
        }, e -> model.auditStatus("Audit chain: cannot check (" + e.getMessage() + ")", false));
    }

    private record Verified(AuditVerification full, ChainFollower follower, ChainFollower.State state) {
    }

    /** Checks the events boards added since the last look; cheap, so after every finished board. */
    private void followAudit() {
        ChainFollower f = follower;
        if (f == null) {
            return;
        }
        background.run(() -> {
            synchronized (f) {
                return f.advance(station.db());
            }
        }, state -> {
            if (follower == f) {
                showAudit(state, null);
            }
        }, e -> LOG.warn("cannot follow the audit chain: {}", e.toString()));
    }

    private void showAudit(ChainFollower.State state, AuditVerification full) {
        if (full != null && !full.ok()) {
            model.auditStatus("Audit chain BROKEN: " + full.problems().size() + " problem(s) — call a supervisor", false);
        } else if (state.ok()) {
            model.auditStatus("Audit chain OK (" + state.events() + " events)", true);
        } else {
            model.auditStatus("Audit chain BROKEN: " + state.broken().get() + " — call a supervisor", false);
        }
    }

    static List<String> names(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            names.add("slot-" + i);
        }
        return names;
    }

    /**
     * Stops the slots and waits until each has finished its board (at most 30 s each): the batch log
     * closes after this, and an attempt cut off mid-commit would be left for the next start to reconcile.
     * Blocks: only at exit.
     */
    @Override
    public void close() {
        stop();
        for (Thread t : threads) {
            try {
                t.join(java.time.Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        threads.clear();
        labels.close();
    }
}
