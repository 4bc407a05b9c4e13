package io.imprint.station.ui.report;

import io.imprint.station.report.BatchReport;
import io.imprint.station.report.ReportCounts;
import io.imprint.station.report.ReportFormat;
import io.imprint.station.report.ReportSections;
import io.imprint.station.report.ReportSections.AuditStatus;
import io.imprint.station.report.ReportSections.SlotStats;
import io.imprint.station.report.ReportSections.StepTiming;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import io.imprint.station.sync.export.ExportTarget;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The QA supervisor's Reports screen: pick a batch, read its counts, yields and audit state, see the
 * failure Pareto, units per hour and cycle-time histogram, the slots and steps, and export the whole
 * report as PDF, CSV or JSON. The numbers are the ones {@code imprint report} writes.
 *
 * <p>FX thread only.
 */
public final class ReportScreen extends BorderPane {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final ReportModel model;
    private final GridPane tiles = new GridPane();
    private final Label audit = new Label();
    private final Label cycle = new Label();
    private final BarChart<String, Number> pareto = chart("Failures by reason", "attempts");
    private final BarChart<String, Number> throughput = chart("Units per hour", "units/hour");
    private final BarChart<String, Number> histogram = chart("Cycle time of passed boards", "boards");
    private final TableView<SlotStats> slots = new TableView<>();
    private final TableView<StepTiming> steps;

    public ReportScreen(ReportModel model) {
        this.model = model;
        this.steps = new TableView<>(model.steps());
        setId("report-screen");
        getStyleClass().add("report-screen");
        setPadding(new Insets(16));

        Label title = new Label("Reports");
        title.getStyleClass().add("screen-title");
        ComboBox<String> batch = new ComboBox<>(model.batches());
        batch.setId("report-batch");
        batch.setPromptText("Batch");
        batch.valueProperty().addListener((o, was, now) -> {
            if (now != null && !now.equals(model.selectedProperty().get())) {
                model.select(now);
            }
        });
        model.selectedProperty().addListener((o, was, now) -> batch.setValue(now));
        Button refresh = button("Refresh", "report-refresh", model::refresh);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(12, title, batch, refresh, gap, button("Export PDF", "report-export-pdf", () -> model.export(ReportFormat.PDF)),
                button("Export CSV", "report-export-csv", () -> model.export(ReportFormat.CSV)),
                button("Export JSON", "report-export-json", () -> model.export(ReportFormat.JSON)), cloudExport(model));
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(0, 0, 12, 0));
        setTop(top);

        tiles.setId("report-tiles");
        tiles.setHgap(10);
        audit.setId("report-audit");
        audit.getStyleClass().add("report-audit");
        audit.setWrapText(true);
        cycle.setId("report-cycle");
        cycle.getStyleClass().add("report-line");
        slots.setId("report-slots");
        slots.getColumns().setAll(List.of(column("Slot", SlotStats::slot), column("Attempts", s -> Long.toString(s.attempts())),
                column("Passed", s -> Long.toString(s.passed())), column("Failed", s -> Long.toString(s.failed())),
                column("Yield", s -> percent(s.yieldPercent())), column("Mean cycle", s -> seconds(s.meanCycleMillis()))));
        steps.setId("report-steps");
        steps.getColumns().setAll(List.of(column("Step", StepTiming::step), column("Timed", s -> Long.toString(s.count())),
                column("Mean", s -> seconds(s.meanMillis())), column("p90", s -> seconds(s.p90Millis())), column("Max", s -> seconds(s.maxMillis()))));
        for (TableView<?> t : List.of(slots, steps)) {
            t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
            t.setPrefHeight(230);
            HBox.setHgrow(t, Priority.ALWAYS);
        }
        pareto.setId("report-pareto");
        throughput.setId("report-throughput");
        histogram.setId("report-histogram");
        HBox charts = new HBox(10, pareto, throughput, histogram);
        charts.getChildren().forEach(c -> HBox.setHgrow(c, Priority.ALWAYS));
        VBox body = new VBox(12, tiles, audit, charts, cycle, new HBox(10, slots, steps));
        body.setPadding(new Insets(0, 4, 0, 0));
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        setCenter(scroll);

        Label message = new Label();
        message.setId("report-message");
        message.getStyleClass().add("screen-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        setBottom(message);
        BorderPane.setMargin(message, new Insets(10, 0, 0, 0));

        model.reportProperty().addListener((o, was, now) -> show(now));
        model.auditProperty().addListener((o, was, now) -> showAudit(now));
        show(null);
        showAudit(null);
        model.refresh();
    }

    private void show(BatchReport r) {
        tiles.getChildren().clear();
        if (r == null) {
            pareto.getData().clear();
            throughput.getData().clear();
            histogram.getData().clear();
            slots.getItems().clear();
            cycle.setText("");
            return;
        }
        ReportCounts c = r.counts();
        Object[] values = {"Done", c.done(), "Failed", c.failed(), "Abandoned", c.abandoned(), "Remaining", c.remaining(), "Yield",
            percent(c.yieldPercent()), "First-pass yield", percent(c.firstPassYieldPercent()), "Retries", c.retries(), "Attempts", c.attempts()};
        for (int i = 0; i < values.length; i += 2) {
            Label value = new Label(String.valueOf(values[i + 1]));
            value.getStyleClass().add("report-tile-value");
            value.setId("report-tile-" + values[i].toString().toLowerCase(Locale.ROOT).replace(' ', '-'));
            Label name = new Label(values[i].toString());
            name.getStyleClass().add("report-tile-name");
            VBox tile = new VBox(2, value, name);
            tile.getStyleClass().add("report-tile");
            tile.setAlignment(Pos.CENTER);
            GridPane.setHgrow(tile, Priority.ALWAYS);
            tile.setMaxWidth(Double.MAX_VALUE);
            tiles.add(tile, i / 2, 0);
        }
        series(pareto, r.failures().stream().limit(8).map(f -> new XYChart.Data<String, Number>(f.shortReason(28), f.count())).toList());
        series(throughput, r.throughput().stream().map(t -> new XYChart.Data<String, Number>(HOUR.format(t.start()), t.unitsPerHour())).toList());
        long width = ReportSections.HistogramBucket.width(r.cycleTimes().histogram());
        series(histogram, r.cycleTimes().histogram().stream().map(b -> new XYChart.Data<String, Number>(b.label(width), b.count())).toList());
        var ct = r.cycleTimes();
        cycle.setText(ct.count() == 0 ? "No board passed yet" : "Cycle time of " + ct.count() + " passed boards: mean " + seconds(ct.meanMillis())
                + ", p50 " + seconds(ct.p50Millis()) + ", p90 " + seconds(ct.p90Millis()) + ", p99 " + seconds(ct.p99Millis())
                + ". Batch " + r.header().batch().id() + ", " + r.header().batch().product() + ", " + r.header().batch().status().name().toLowerCase(Locale.ROOT)
                + ", station " + r.header().stationId() + ".");
        slots.getItems().setAll(r.slots());
    }

    private void showAudit(AuditStatus a) {
        audit.getStyleClass().removeAll("audit-ok", "audit-bad");
        if (a == null) {
            audit.setText("Audit trail: verifying…");
            return;
        }
        audit.getStyleClass().add(a.intact() ? "audit-ok" : "audit-bad");
        audit.setText("Audit trail " + (a.intact() ? "intact" : "TAMPERING FOUND: " + String.join("; ", a.problems())) + " — " + a.rows() + " events, "
                + a.checkpoints() + " signed checkpoints" + (a.lastCheckpointAt() == null ? ", none yet" : ", last at event " + a.lastCheckpointSeq()));
    }

    private static void series(BarChart<String, Number> chart, List<XYChart.Data<String, Number>> points) {
        XYChart.Series<String, Number> s = new XYChart.Series<>();
        s.getData().setAll(points);
        chart.getData().setAll(List.of(s));
    }

    private static BarChart<String, Number> chart(String title, String unit) {
        NumberAxis y = new NumberAxis();
        y.setLabel(unit);
        y.setMinorTickVisible(false);
        BarChart<String, Number> chart = new BarChart<>(new CategoryAxis(), y);
        chart.setTitle(title);
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        chart.setPrefHeight(260);
        chart.setMinWidth(200);
        chart.setCategoryGap(4);
        return chart;
    }

    private static <T> TableColumn<T, String> column(String title, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setSortable(false);
        return c;
    }

    /** A registry to choose and its export: AWS IoT, Azure DPS, nRF Cloud, a signed manifest, a plain CSV. */
    private static HBox cloudExport(ReportModel model) {
        ComboBox<ExportTarget> target = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(ExportTarget.values()));
        target.setId("report-cloud-target");
        target.setValue(ExportTarget.AWS);
        target.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(ExportTarget t) {
                return t == null ? "" : switch (t) {
                    case AWS -> "AWS IoT";
                    case AZURE -> "Azure DPS";
                    case NRFCLOUD -> "nRF Cloud";
                    case MANIFEST -> "Signed manifest";
                    case CSV -> "Plain CSV";
                };
            }

            @Override
            public ExportTarget fromString(String s) {
                return null;
            }
        });
        HBox box = new HBox(6, target, button("Export for cloud", "report-export-cloud", () -> model.exportForCloud(target.getValue())));
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    static String percent(double p) {
        return String.format(Locale.ROOT, "%.1f %%", p);
    }

    static String seconds(double millis) {
        return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }

    public ReportModel model() {
        return model;
    }
}
