package io.imprint.station.ui;

import io.imprint.station.account.Operator;
import io.imprint.station.account.Permission;
import io.imprint.station.batch.Batch;
import io.imprint.station.run.StationSettings;
import io.imprint.station.run.StationUnlock;
import io.imprint.station.run.Unlocked;
import io.imprint.station.sync.online.CaChain;
import io.imprint.station.sync.online.Registries;
import io.imprint.station.sync.online.SyncService;
import io.imprint.station.sync.online.SyncSettings;
import io.imprint.station.ui.accounts.AccountsModel;
import io.imprint.station.ui.accounts.AccountsScreen;
import io.imprint.station.ui.admin.SettingsModel;
import io.imprint.station.ui.admin.SettingsScreen;
import io.imprint.station.ui.batch.BatchModel;
import io.imprint.station.ui.batch.BatchScreen;
import io.imprint.station.engine.Station;
import io.imprint.station.ui.line.HsmUnlockModel;
import io.imprint.station.ui.line.LineController;
import io.imprint.station.ui.line.LineModel;
import io.imprint.station.ui.line.LineScreen;
import io.imprint.station.ui.login.LoginModel;
import io.imprint.station.ui.login.LoginScreen;
import io.imprint.station.ui.report.ReportModel;
import io.imprint.station.ui.report.ReportScreen;
import io.imprint.station.ui.sync.SyncStatusModel;
import io.imprint.station.ui.sync.SyncStatusView;
import io.imprint.station.ui.trace.TraceModel;
import io.imprint.station.ui.trace.TraceScreen;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's one window: an app bar (station, screens, who is logged in) over the current screen.
 * Logging out stops the line: boards are provisioned in the name of whoever is logged in.
 *
 * <p>FX thread only.
 */
public final class StationWindow implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StationWindow.class);

    private final Session session;
    private final BorderPane root = new BorderPane();
    private final Scene scene;
    private final LineModel lineModel = new LineModel(Clock.systemUTC());
    private final HBox appBar = new HBox(8);
    private final Label who = new Label();
    private final SyncStatusModel syncModel = new SyncStatusModel(Platform::runLater);
    private SyncService sync;
    private LineController line;
    private LineScreen lineScreen;
    private boolean readyReported;

    public StationWindow(Session session, double width, double height) {
        this.session = session;
        root.getStyleClass().add("station-root");
        scene = new Scene(root, width, height);
        scene.getStylesheets().add(StationWindow.class.getResource("station.css").toExternalForm());
        buildAppBar();
        session.userProperty().addListener((o, was, now) -> appBar.setVisible(now != null));
        session.stationProperty().addListener((o, was, now) -> {
            if (now != null && sync == null) {
                startSync(now);
            }
        });
        appBar.setVisible(false);
    }

    public Scene scene() {
        return scene;
    }

    public Session session() {
        return session;
    }

    public LineModel lineModel() {
        return lineModel;
    }

    private void buildAppBar() {
        Label brand = new Label("Imprint");
        brand.getStyleClass().add("brand");
        Label station = new Label();
        station.getStyleClass().add("app-station");
        session.stationProperty().addListener((o, was, now) -> station.setText(now == null ? "" : "station " + now.setup().station().stationId()));
        Button lineButton = nav("Line", "nav-line", this::showLine);
        Button batches = nav("Batches", "nav-batches", this::showBatches);
        Button settings = nav("Settings", "nav-settings", this::showSettings);
        Button accounts = nav("Accounts", "nav-accounts", this::showAccounts);
        Button reports = nav("Reports", "nav-reports", this::showReports);
        // Operators run boards; reports are for supervisors and admins (Permission.VIEW_REPORTS).
        reports.managedProperty().bind(reports.visibleProperty());
        session.userProperty().addListener((o, was, now) -> reports.setVisible(now != null && now.role().may(Permission.VIEW_REPORTS)));
        // Accounts are an admin's (Permission.MANAGE_ACCOUNTS), as `imprint user` is.
        accounts.managedProperty().bind(accounts.visibleProperty());
        accounts.setVisible(session.may(Permission.MANAGE_ACCOUNTS));
        session.userProperty().addListener((o, was, now) -> accounts.setVisible(now != null && now.role().may(Permission.MANAGE_ACCOUNTS)));
        Button logout = nav("Log out", "nav-logout", this::logOut);
        TextField traceSearch = traceSearch();
        who.setId("app-user");
        who.getStyleClass().add("app-user");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        SyncStatusView syncStatus = new SyncStatusView(syncModel);
        appBar.getChildren().setAll(brand, station, lineButton, batches, reports, settings, accounts, gap, syncStatus, traceSearch, who, logout);
        // On a narrow window the sync line and the search give way; the screens' names and the user never do.
        for (var n : List.of(brand, station, lineButton, batches, reports, settings, accounts, who, logout)) {
            n.setMinWidth(Region.USE_PREF_SIZE);
        }
        syncStatus.setMinWidth(0);
        traceSearch.setMinWidth(120);
        appBar.getStyleClass().add("app-bar");
        appBar.setAlignment(Pos.CENTER_LEFT);
        appBar.managedProperty().bind(appBar.visibleProperty());
        root.setTop(appBar);
    }

    /**
     * The background cloud sync, once a supervisor has unlocked the station (its audit events are signed).
     * Wrong sync settings show in the app bar and stop nothing else.
     */
    private void startSync(Unlocked u) {
        session.background().run(() -> {
            var st = u.setup().station();
            SyncSettings settings;
            try {
                settings = SyncSettings.from(new StationSettings(st.db(), st.audit()).all());
            } catch (IllegalArgumentException e) {
                syncModel.misconfigured(e.getMessage());
                return null;
            }
            return SyncService.start(st.db(), st.audit(), CaChain.pems(u.setup().caDirectory().loadChain()), settings, Registries::open, syncModel,
                    SyncService.Timing.standard());
        }, (SyncService started) -> {
            if (started != null) {
                sync = started;
            }
        });
    }

    /** The sync's model, for the screen tests. */
    public SyncStatusModel syncModel() {
        return syncModel;
    }

    private static Button nav(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().add("flat");
        b.setOnAction(e -> action.run());
        return b;
    }

    /** "Find a board…": a scanned or typed device id and Enter open its trace. */
    private TextField traceSearch() {
        TextField search = new TextField();
        search.setId("trace-search");
        search.setPromptText("Find a board…");
        search.getStyleClass().add("trace-search");
        search.setOnAction(e -> {
            showTrace(search.getText());
            search.clear();
        });
        return search;
    }

    /** The trace of one board: read-only, for anyone logged in. */
    public void showTrace(String deviceId) {
        if (session.user().isPresent() && !deviceId.isBlank()) {
            TraceModel model = new TraceModel(session);
            show(new TraceScreen(model));
            model.find(deviceId);
        }
    }

    /** The first screen: the demo station when it is ready, else the login (unlock) screen. */
    public void start() {
        Optional<DemoStart> demo = session.launch().demo();
        if (demo.isPresent()) {
            show(waiting("Preparing the demo station: SoftHSM token, demo CA, batch log and eight virtual boards…"));
            session.background().run(() -> demo.get().station().get(), (DemoStart.Prepared p) -> {
                session.unlocked(p.unlocked());
                loggedIn(p.unlocked().by());
                session.background().run(() -> p.unlocked().setup().batches().list().stream().filter(b -> b.id().equals(p.batchId())).findFirst().orElseThrow(),
                        this::startLine);
            }, e -> {
                ErrorDialogs.show(e);
                showLogin();
            });
        } else {
            showLogin();
        }
    }

    private static Parent waiting(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("waiting");
        HBox box = new HBox(l);
        box.setAlignment(Pos.CENTER);
        return box;
    }

    public void showLogin() {
        StationLaunch launch = session.launch();
        String stationId = session.station().map(u -> u.setup().station().stationId()).orElse(launch.stationId().orElse(StationIds.hostName()));
        StationUnlock unlock = new StationUnlock(launch.dataDir(), launch.keyUri(), stationId, w -> LOG.warn("{}", w));
        LoginModel model = new LoginModel(session, unlock, this::loggedIn);
        List<String> demoAccounts = launch.demo().map(DemoStart::accounts).orElse(List.of());
        show(new LoginScreen(model, stationId, demoAccounts, launch.demo().isPresent() ? "operator" : ""));
    }

    private void loggedIn(Operator op) {
        session.logIn(op);
        who.setText(op.displayName() + " (" + op.role().name().toLowerCase() + ")");
        Unlocked u = session.station().orElseThrow();
        if (line == null) {
            line = new LineController(u.setup().station(), session.launch().boardPorts(), session.background(), lineModel, session.launch().dataDir());
            HsmUnlockModel hsm = new HsmUnlockModel(HsmUnlockModel.Unlocker.of(u), session.background(), by -> lineModel.hsmBack(by.displayName()));
            lineScreen = new LineScreen(lineModel, hsm, this::stopLine, line::verifyAudit);
            line.verifyAudit();
            session.background().run(session::bindings, line::bind);
        }
        showBatches();
    }

    public void showBatches() {
        if (session.user().isEmpty()) {
            return;
        }
        List<String> profiles = session.station().orElseThrow().setup().caConfig().profiles().keySet().stream().sorted().toList();
        show(new BatchScreen(new BatchModel(session, this::startLine), session, profiles));
    }

    public void showLine() {
        if (lineScreen != null && session.user().isPresent()) {
            show(lineScreen);
        }
    }

    public void showSettings() {
        if (session.user().isPresent()) {
            show(new SettingsScreen(new SettingsModel(session)));
        }
    }

    /** The accounts: managed by an admin, read-only for the rest. */
    public void showAccounts() {
        if (session.user().isPresent()) {
            show(new AccountsScreen(new AccountsModel(session)));
        }
    }

    public void showReports() {
        if (session.may(Permission.VIEW_REPORTS)) {
            show(new ReportScreen(new ReportModel(session, session.launch().dataDir().resolve("reports"))));
        }
    }

    /** Runs {@code batch} on every bound slot and shows the line. */
    public void startLine(Batch batch) {
        if (!session.may(Permission.RUN_BATCH)) {
            return;
        }
        String operator = session.actor();
        Station station = session.station().orElseThrow().setup().station();
        session.background().run(() -> LineController.plan(station, session.bindings()), (LineController.Plan plan) -> {
            line.start(batch, operator, plan, session.launch().baud());
            show(lineScreen);
            if (!readyReported) {
                readyReported = true;
                session.launch().benchReady().ifPresent(r -> r.accept(this));
            }
        });
    }

    private void stopLine() {
        if (line != null) {
            line.stop();
        }
    }

    private void logOut() {
        stopLine();
        session.logOut();
        showLogin();
    }

    private void show(Parent screen) {
        root.setCenter(screen);
    }

    public LineScreen lineScreen() {
        return lineScreen;
    }

    /** At exit: the slots finish their boards before the station closes. */
    @Override
    public void close() {
        if (line != null) {
            line.close();
        }
        if (sync != null) {
            sync.close(); // before the batch log closes with the session
        }
        session.close();
    }
}
