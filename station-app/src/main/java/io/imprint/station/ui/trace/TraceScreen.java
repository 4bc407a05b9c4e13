package io.imprint.station.ui.trace;

import io.imprint.station.trace.DeviceTrace;
import io.imprint.station.trace.TraceFormat;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * One board's history for a supervisor or an operator at the line: the device, every attempt with its
 * steps and timings, every certificate with its status, and the audit events that name the board.
 * Read-only; the id comes from the app bar's search box.
 *
 * <p>FX thread only.
 */
public final class TraceScreen extends BorderPane {

    private final TraceModel model;
    private final Label title = new Label();
    private final Label status = new Label();
    private final Label message = new Label();
    private final FlowPane suggestions = new FlowPane(10, 4);
    private final TraceSummary summary = new TraceSummary();
    private final TableView<DeviceTrace.Attempt> attempts = TraceTables.table("trace-attempts", "No attempt recorded");
    private final TableView<DeviceTrace.Certificate> certificates = TraceTables.table("trace-certificates", "No certificate issued");
    private final TableView<DeviceTrace.Event> events = TraceTables.table("trace-events", "No audit event names this board");

    public TraceScreen(TraceModel model) {
        this.model = model;
        setId("trace-screen");
        getStyleClass().add("trace-screen");
        setPadding(new Insets(14, 16, 14, 16));

        title.setId("trace-title");
        title.getStyleClass().add("screen-title");
        status.setId("trace-status");
        status.getStyleClass().add("trace-status");
        message.setId("trace-message");
        message.getStyleClass().add("screen-message");
        message.textProperty().bind(model.messageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        suggestions.setId("trace-suggestions");
        HBox head = new HBox(14, title, status);
        head.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, head, summary, message, suggestions);
        top.setPadding(new Insets(0, 0, 10, 0));
        setTop(top);

        buildColumns();
        VBox tables = new VBox(6, section("Attempts"), attempts, section("Certificates"), certificates, section("Audit events naming the board"), events);
        // The audit events are the longest list: they take what the attempts and certificates leave.
        VBox.setVgrow(events, Priority.ALWAYS);
        attempts.setMinHeight(130);
        attempts.setPrefHeight(200);
        certificates.setMinHeight(90);
        certificates.setPrefHeight(110);
        events.setMinHeight(150);
        events.setPrefHeight(150); // a small preferred height, so growing it does not squeeze the others to their minimum
        setCenter(tables);

        model.traceProperty().addListener((o, was, now) -> show(now));
        model.deviceIdProperty().addListener((o, was, now) -> title.setText("Board " + now));
        model.suggestions().addListener((javafx.collections.ListChangeListener<String>) c -> showSuggestions());
        title.setText(model.deviceIdProperty().get().isEmpty() ? "Board trace" : "Board " + model.deviceIdProperty().get());
        show(model.traceProperty().get());
    }

    private void buildColumns() {
        attempts.getColumns().setAll(java.util.List.of(
                TraceTables.column("Started", 200, a -> TraceFormat.time(a.startedAt())),
                TraceTables.column("Slot", 70, DeviceTrace.Attempt::slot),
                TraceTables.column("Operator", 95, DeviceTrace.Attempt::operator),
                TraceTables.outcome("Outcome", 205, TraceFormat::outcome),
                TraceTables.column("Time", 75, a -> TraceFormat.duration(a.duration())),
                TraceTables.wrapping("Reason and next action", 230, a -> a.failureReason() == null ? ""
                        : a.failureReason() + (a.nextAction() == null ? "" : " → " + a.nextAction())),
                TraceTables.wrapping("Steps (ms)", 360, a -> TraceFormat.steps(a.steps()).replace(" ms", ""))));
        certificates.getColumns().setAll(java.util.List.of(
                TraceTables.column("Serial", 320, DeviceTrace.Certificate::serial),
                TraceTables.column("Issued", 200, c -> TraceFormat.time(c.issuedAt())),
                TraceTables.column("Profile", 90, DeviceTrace.Certificate::profile),
                TraceTables.column("Valid until", 200, c -> TraceFormat.time(c.notAfter())),
                TraceTables.outcome("Status", 300, TraceFormat::status)));
        events.getColumns().setAll(java.util.List.of(
                TraceTables.column("#", 50, e -> Long.toString(e.seq())),
                TraceTables.column("Time", 200, e -> TraceFormat.time(e.occurredAt())),
                TraceTables.column("Action", 230, DeviceTrace.Event::action),
                TraceTables.column("By", 95, DeviceTrace.Event::actor),
                TraceTables.wrapping("Details", 500, e -> TraceFormat.details(e, model.deviceIdProperty().get(), true))));
    }

    private void show(DeviceTrace t) {
        summary.show(t);
        status.setText(t == null ? "" : t.device().status().toLowerCase(java.util.Locale.ROOT));
        status.getStyleClass().removeAll("provisioned", "failed", "other");
        if (t != null) {
            status.getStyleClass().add(switch (t.device().status()) {
                case "PROVISIONED" -> "provisioned";
                case "FAILED", "REVOKED" -> "failed";
                default -> "other";
            });
        }
        status.setVisible(t != null);
        attempts.setItems(FXCollections.observableArrayList(TraceModel.rows(t, DeviceTrace::attempts)));
        certificates.setItems(FXCollections.observableArrayList(TraceModel.rows(t, DeviceTrace::certificates)));
        events.setItems(FXCollections.observableArrayList(TraceModel.rows(t, DeviceTrace::events)));
    }

    private void showSuggestions() {
        suggestions.getChildren().clear();
        int n = 0;
        for (String id : model.suggestions()) {
            Hyperlink link = new Hyperlink(id);
            link.setId("trace-suggestion-" + n++);
            link.getStyleClass().add("trace-suggestion");
            link.setOnAction(e -> model.find(id));
            suggestions.getChildren().add(link);
        }
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }
}
