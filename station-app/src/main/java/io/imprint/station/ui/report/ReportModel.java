package io.imprint.station.ui.report;

import io.imprint.station.audit.AuditVerifier;
import io.imprint.station.batch.Batch;
import io.imprint.station.report.BatchReport;
import io.imprint.station.report.ReportFormat;
import io.imprint.station.report.ReportSections.AuditStatus;
import io.imprint.station.report.ReportSections.StepTiming;
import io.imprint.station.report.Reports;
import io.imprint.station.run.StationSetup;
import io.imprint.station.sync.export.ExportException;
import io.imprint.station.sync.export.ExportTarget;
import io.imprint.station.sync.export.Exports;
import io.imprint.station.ui.ErrorDialogs;
import io.imprint.station.ui.Session;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Reports screen as data: the batches, the one chosen, its report summary and the audit trail's
 * verification, and exports of the whole report to the station's reports folder. Reading and writing
 * run in the background; the properties change on the FX thread.
 *
 * <p>FX thread only.
 */
public final class ReportModel {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneId.systemDefault());

    private final Session session;
    private final Path folder;
    private final ObservableList<String> batches = FXCollections.observableArrayList();
    private final ObservableList<String> batchesView = FXCollections.unmodifiableObservableList(batches);
    private final SimpleObjectProperty<String> selected = new SimpleObjectProperty<>();
    private final SimpleObjectProperty<BatchReport> report = new SimpleObjectProperty<>();
    private final SimpleObjectProperty<AuditStatus> audit = new SimpleObjectProperty<>();
    private final ObservableList<StepTiming> steps = FXCollections.observableArrayList();
    private final ObservableList<StepTiming> stepsView = FXCollections.unmodifiableObservableList(steps);
    private final SimpleStringProperty message = new SimpleStringProperty("");
    private final SimpleObjectProperty<Path> lastExport = new SimpleObjectProperty<>();

    /** @param folder where exports go (made when the first is written) */
    public ReportModel(Session session, Path folder) {
        this.session = session;
        this.folder = folder;
    }

    private StationSetup setup() {
        return session.station().orElseThrow().setup();
    }

    private Reports reports() throws io.imprint.ca.CaException {
        StationSetup st = setup();
        return new Reports(st.station().db(), st.caDirectory().initialised() ? st.caDirectory().loadChain() : List.of(),
                AuditVerifier.trustingRecordedKeys(), Clock.systemUTC());
    }

    /** Reloads the batch list, keeping (or else choosing the newest) batch. */
    public void refresh() {
        session.background().run(() -> setup().batches().list(), (List<Batch> list) -> {
            batches.setAll(list.stream().sorted((a, b) -> b.createdAt().compareTo(a.createdAt())).map(Batch::id).toList());
            String keep = selected.get() != null && batches.contains(selected.get()) ? selected.get() : batches.isEmpty() ? null : batches.getFirst();
            select(keep);
        });
    }

    public void select(String batchId) {
        selected.set(batchId);
        report.set(null);
        audit.set(null);
        steps.clear();
        if (batchId == null) {
            message.set("No batch yet");
            return;
        }
        message.set("Reading batch " + batchId + "…");
        String actor = session.actor();
        session.background().run(() -> reports().summary(batchId, actor), (BatchReport r) -> {
            if (batchId.equals(selected.get())) {
                steps.setAll(r.steps());
                report.set(r);
                message.set("");
            }
        }, this::failed);
        session.background().run(() -> reports().audit(), (AuditStatus a) -> {
            if (batchId.equals(selected.get())) {
                audit.set(a);
            }
        }, this::failed);
    }

    /** Writes the whole report of the chosen batch to the reports folder. */
    public void export(ReportFormat format) {
        String batchId = selected.get();
        if (batchId == null) {
            message.set("Choose a batch first");
            return;
        }
        Path file = folder.resolve(safe(batchId) + "-" + STAMP.format(Clock.systemUTC().instant()) + "." + format.extension());
        message.set("Writing the " + format + " report of " + batchId + "…");
        String actor = session.actor();
        session.background().run(() -> reports().write(batchId, actor, format, file), (Long devices) -> {
            lastExport.set(file);
            message.set(format + " report of " + batchId + " (" + devices + " devices) written to " + file);
        }, this::failed);
    }

    /**
     * Writes the chosen batch as an offline bundle for a cloud registry, signed by the station key, into
     * a new folder in the reports folder ({@code WO-1-aws-<time>}): carried away, it is checked anywhere
     * with {@code imprint export verify}. A refusal (a CLAIM batch for a registry, nothing provisioned
     * yet) writes nothing and says why.
     */
    public void exportForCloud(ExportTarget target) {
        String batchId = selected.get();
        if (batchId == null) {
            message.set("Choose a batch first");
            return;
        }
        Path bundle = folder.resolve(safe(batchId) + "-" + target.id() + "-" + STAMP.format(Clock.systemUTC().instant()));
        message.set("Writing the " + target.id() + " export of " + batchId + "…");
        String actor = session.actor();
        session.background().run(() -> {
            StationSetup st = setup();
            java.nio.file.Files.createDirectories(folder);
            return new Exports(st.station().db(), st.station().audit(), st.caDirectory().loadChain(), st.stationSigner(), st.stationCertificate())
                    .export(batchId, target, bundle, actor);
        }, (Exports.Result r) -> {
            lastExport.set(r.bundle());
            message.set(target.id() + " export of " + batchId + ": " + r.devices() + " board(s) in " + r.bundle() + " (" + r.leftOut()
                    + " left out: failed, revoked or unfinished). Check it anywhere with: imprint export verify " + r.bundle().getFileName()
                    + " --station-key <station key PEM>");
        }, e -> message.set(e instanceof ExportException x && x.refused() ? "Not exported: " + x.getMessage() : ErrorDialogs.readable(e).lines().findFirst()
                .orElse("The export failed")));
    }

    /** A work order as a file name: letters, digits, dot, dash and underscore; anything else becomes '_'. */
    static String safe(String batchId) {
        return batchId.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private void failed(Exception e) {
        message.set(ErrorDialogs.readable(e).lines().findFirst().orElse("The report failed"));
    }

    public ObservableList<String> batches() {
        return batchesView;
    }

    public ReadOnlyObjectProperty<String> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<BatchReport> reportProperty() {
        return report;
    }

    public ObservableList<StepTiming> steps() {
        return stepsView;
    }

    public ReadOnlyObjectProperty<AuditStatus> auditProperty() {
        return audit;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ReadOnlyObjectProperty<Path> lastExportProperty() {
        return lastExport;
    }

    public Optional<BatchReport> report() {
        return Optional.ofNullable(report.get());
    }
}
