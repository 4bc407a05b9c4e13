package io.imprint.station.ui.sync;

import static io.imprint.station.ui.FxTesting.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.station.audit.AuditTrail;
import io.imprint.station.audit.MemoryChainSigner;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.sync.online.DeviceRegistration;
import io.imprint.station.sync.online.RegisteredDevice;
import io.imprint.station.sync.online.Registry;
import io.imprint.station.sync.online.RegistryAnswer;
import io.imprint.station.sync.online.RegistryException;
import io.imprint.station.sync.online.Revocation;
import io.imprint.station.sync.online.SyncService;
import io.imprint.station.sync.online.SyncSettings;
import io.imprint.station.sync.online.SyncTarget;
import io.imprint.station.testing.SyncSeed;
import io.imprint.station.ui.FxTesting;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app bar's sync line on a real JavaFX stage, fed by the real background sync over a real H2 file. */
class SyncStatusViewTest {

    @TempDir
    Path dir;
    private StationDatabase db;
    private AuditTrail audit;
    private SyncSeed seed;

    /** Registers everything at once. */
    private static final class Accepting implements Registry {
        @Override
        public SyncTarget target() {
            return SyncTarget.AZURE;
        }

        @Override
        public int maxBatch() {
            return 10;
        }

        @Override
        public List<RegistryAnswer> register(List<DeviceRegistration> devices) {
            return devices.stream().map(d -> (RegistryAnswer) new RegistryAnswer.Registered(d.entryId(), d.deviceId(), false)).toList();
        }

        @Override
        public RegistryAnswer revoke(Revocation r) {
            return new RegistryAnswer.Registered(r.entryId(), r.deviceId(), false);
        }

        @Override
        public void forEachRegistered(Consumer<RegisteredDevice> sink) {
        }

        @Override
        public void close() {
        }
    }

    @BeforeAll
    static void toolkit() throws Exception {
        FxTesting.start();
    }

    @BeforeEach
    void open() throws Exception {
        db = StationDatabase.open(dir.resolve("station"));
        audit = new AuditTrail("line-3", new MemoryChainSigner(), 100, Clock.systemUTC());
        seed = new SyncSeed();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private SyncStatusView show(SyncStatusModel model) {
        return fx(() -> {
            SyncStatusView view = new SyncStatusView(model);
            HBox bar = new HBox(view);
            bar.getStyleClass().add("app-bar");
            Stage stage = new Stage();
            Scene scene = new Scene(bar, 900, 40);
            scene.getStylesheets().add(io.imprint.station.ui.StationWindow.class.getResource("station.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
            return view;
        });
    }

    private SyncService start(SyncStatusModel model, SyncService.Opener opener) {
        return SyncService.start(db, audit, List.of(seed.caPem()), SyncSettings.from(Map.of("sync.azure.enabled", "true", "sync.azure.rate", "1000")),
                opener, model, new SyncService.Timing(Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(100)));
    }

    @Test
    void theLineFollowsTheSyncToAllSyncedAndLooksQuiet() throws Exception {
        seed.provisioned(db, "B-1", 5);
        SyncStatusModel model = new SyncStatusModel(Platform::runLater);
        SyncStatusView view = show(model);
        assertThat(fx(view::getText)).isEqualTo("Cloud sync: off");
        try (SyncService service = start(model, (t, o) -> new Accepting())) {
            FxTesting.waitUntil(Duration.ofSeconds(10), "all five synced", () -> view.getText().equals("Azure: 0 pending · 5 synced · 0 failed"));
            assertThat(fx(() -> view.getStyleClass().contains("sync-level-synced"))).isTrue();
        }
    }

    @Test
    void refusedCredentialsTurnItRedWithTheReasonInTheTooltip() throws Exception {
        seed.provisioned(db, "B-1", 3);
        SyncStatusModel model = new SyncStatusModel(Platform::runLater);
        SyncStatusView view = show(model);
        try (SyncService service = start(model, (t, o) -> {
            throw new RegistryException(RegistryException.Kind.UNAUTHORISED, "Azure DPS refused the SAS token (HTTP 401)", null, null);
        })) {
            FxTesting.waitUntil(Duration.ofSeconds(10), "the stopped state", () -> view.getStyleClass().contains("sync-level-problem"));
            assertThat(fx(view::getText)).isEqualTo("Azure: 3 pending · 0 synced · 0 failed");
            assertThat(fx(() -> view.getTooltip().getText())).contains("stopped: Azure DPS refused the SAS token (HTTP 401)", "Check the credentials");
            FxTesting.screenshot(view.getScene(), "sync-status-stopped");
        }
    }
}
