package io.imprint.station.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.station.audit.AuditTrail;
import io.imprint.station.batch.Batch;
import io.imprint.station.batch.Batches;
import io.imprint.station.batch.Strategy;
import io.imprint.station.store.Sql;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.Transactions;
import io.imprint.station.audit.MemoryChainSigner;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch's label settings on a fresh H2 file: migrated by V7, changed with an audit event, bad input refused with nothing written. */
class LabelSettingsTest {

    @TempDir
    Path dir;
    StationDatabase db;
    Labels labels;

    @BeforeEach
    void freshBatchLog() throws Exception {
        db = StationDatabase.open(dir.resolve("station"));
        AuditTrail audit = new AuditTrail("st-1", new MemoryChainSigner(), 50, Clock.systemUTC());
        new Batches(db, audit, Clock.systemUTC()).create(new Batch("WO-1", "Sensor S1", "telemetry", 10, Strategy.KEY_ON_BOARD, "device", null,
                Batch.CloudAttributes.none(), null, null), "sup");
        labels = new Labels(db, audit, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void v7MakesTheLabelSettingsTableOnAFreshFile() throws Exception {
        Transactions.inTransaction(db, tx -> {
            assertThat(Sql.query(tx, "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" ORDER BY \"installed_rank\"", rs -> rs.getString(1)))
                    .containsSubsequence("5", "6", "7");
            assertThat(Sql.query(tx, "SELECT column_name FROM information_schema.columns WHERE table_name = 'LABEL_SETTINGS' ORDER BY ordinal_position",
                    rs -> rs.getString(1))).containsExactly("BATCH_ID", "ENABLED", "PRINTER", "QR_TEMPLATE", "LINE_TEMPLATES", "WIDTH_MM", "HEIGHT_MM",
                    "DPI", "CHANGED_BY", "CHANGED_AT");
            return null;
        });
    }

    @Test
    void settingsAreSavedReadBackTurnedOffAndEachChangeAudited() throws Exception {
        assertThat(labels.settings("WO-1")).isEmpty();
        LabelTemplate t = LabelTemplate.of("{deviceId}", List.of("WO {workOrder}", "{serial}"));
        labels.set("WO-1", "tcp://zebra-2", Optional.of(t), Optional.of(new LabelSize(60, 40, 300)), "sup");

        assertThat(labels.settings("WO-1")).contains(new LabelSettings("WO-1", true, new TcpLabelPrinter("zebra-2", 9100), t, new LabelSize(60, 40, 300)));
        labels.set("WO-1", "file:/srv/labels", Optional.empty(), Optional.empty(), "sup2");
        assertThat(labels.settings("WO-1").orElseThrow().template()).as("a template not given stays").isEqualTo(t);
        assertThat(labels.off("WO-1", "sup")).isTrue();
        assertThat(labels.off("WO-1", "sup")).as("already off: nothing to write").isFalse();
        assertThat(labels.settings("WO-1").orElseThrow().enabled()).isFalse();
        assertThat(events()).containsExactly("sup {\"enabled\":true,\"printer\":\"tcp://zebra-2:9100\",\"qr\":\"{deviceId}\",\"lines\":\"WO {workOrder}\\n{serial}\",\"size\":\"60x40@300\"}",
                "sup2 {\"enabled\":true,\"printer\":\"file:/srv/labels\",\"qr\":\"{deviceId}\",\"lines\":\"WO {workOrder}\\n{serial}\",\"size\":\"60x40@300\"}",
                "sup {\"enabled\":false,\"printer\":\"file:/srv/labels\"}");
    }

    @Test
    void badInputIsRefusedAndChangesNothing() throws Exception {
        assertThatThrownBy(() -> labels.set("WO-NONE", "tcp://zebra", Optional.empty(), Optional.empty(), "sup"))
                .isInstanceOf(LabelException.class).hasMessage("no batch WO-NONE in the batch log");
        assertThatThrownBy(() -> labels.set("WO-1", "lpr://zebra", Optional.empty(), Optional.empty(), "sup")).hasMessageContaining("must be tcp://HOST[:PORT]");
        assertThatThrownBy(() -> labels.set("WO-1", "tcp://zebra", Optional.empty(), Optional.of(new LabelSize(15, 15, 152)), "sup"))
                .hasMessageContaining("does not fit a 15x15 mm label");
        assertThatThrownBy(() -> labels.off("WO-1", "sup")).hasMessage("batch WO-1 has no labels to turn off");
        assertThat(labels.settings("WO-1")).isEmpty();
        assertThat(events()).isEmpty();
    }

    private List<String> events() throws Exception {
        return Transactions.inTransaction(db, tx -> Sql.query(tx, "SELECT actor, details FROM audit_events WHERE action = 'label.settings-changed' ORDER BY seq",
                rs -> rs.getString(1) + " " + rs.getString(2)));
    }
}
