package io.imprint.station.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration that has landed never changes: each one's Flyway checksum is pinned here, so editing a
 * landed file fails this test (add a new migration instead). And the batch logs already out there open:
 * one made by the code of the first V5 (V1, V2, V5; V3 landed beside it), and one made while V5 held the
 * change that now lives in V10.
 */
class MigrationChecksumTest {

    /** Version → Flyway checksum of every landed migration. A new migration is added here when it lands. */
    private static final Map<String, Integer> LANDED = Map.of(
            "1", 1175879085,
            "2", -832169225,
            "3", -1186940977,
            "5", MigrationRepair.V5_LANDED,
            "6", -657592876,
            "7", -1856842330,
            "8", 1969131878,
            "9", -1648974680,
            "10", -2026230085);

    @TempDir
    Path dir;

    @Test
    void everyLandedMigrationHasTheBytesItLandedWith() throws Exception {
        try (StationDatabase db = StationDatabase.open(dir.resolve("fresh"))) {
            assertThat(history(db)).isEqualTo(new TreeMap<>(LANDED));
        }
    }

    @Test
    void aBatchLogMadeByTheFirstV5sCodeOpensAndCountsItsBoards() throws Exception {
        Path base = dir.resolve("first-v5");
        Path landed = copy("first-v5", "V1__batch_log.sql", "V2__audit_trail.sql", "V5__engine_indexes.sql");
        migrate(base, "filesystem:" + landed);
        try (Connection c = connect(base); Statement s = c.createStatement()) {
            s.execute("INSERT INTO batches (batch_id, product, role, quantity, strategy, profile, status, attributes, created_by, created_at)"
                    + " VALUES ('WO-OLD', 'Sensor', 'telemetry', 10, 'KEY_ON_BOARD', 'device', 'OPEN', '{}', 'sam', CURRENT_TIMESTAMP)");
            for (String[] d : List.of(new String[] {"OLD-1", "PROVISIONED"}, new String[] {"OLD-2", "PROVISIONING"}, new String[] {"OLD-3", "FAILED"})) {
                s.execute("INSERT INTO devices (device_id, batch_id, chip_uid, status, first_seen_at) VALUES ('" + d[0] + "', 'WO-OLD', 'UID', '"
                        + d[1] + "', CURRENT_TIMESTAMP)");
            }
        }

        try (StationDatabase db = StationDatabase.open(base)) {
            assertThat(history(db)).isEqualTo(new TreeMap<>(LANDED));
            long counted = Transactions.inTransaction(db, tx -> Sql.count(tx, "SELECT counted_devices FROM batches WHERE batch_id = ?", "WO-OLD"));
            assertThat(counted).as("V10 counted the PROVISIONING and PROVISIONED boards").isEqualTo(2L);
            long badges = Transactions.inTransaction(db, tx -> Sql.count(tx, "SELECT COUNT(*) FROM operators WHERE badge IS NULL"));
            assertThat(badges).as("V3 applied after V5: operators have badges").isZero();
        }
    }

    @Test
    void aBatchLogMadeWhileV5WasEditedOpensWithV5sFirstChecksum() throws Exception {
        Path base = dir.resolve("edited-v5");
        Path landed = copy("edited-v5", "V1__batch_log.sql", "V2__audit_trail.sql", "V3__accounts.sql");
        try (InputStream edited = getClass().getResourceAsStream("/db/edited-v5/V5__engine_indexes.sql")) {
            Files.copy(edited, landed.resolve("V5__engine_indexes.sql"));
        }
        migrate(base, "filesystem:" + landed);
        try (Connection c = connect(base); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"checksum\" FROM \"flyway_schema_history\" WHERE \"version\" = '5'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).as("the edited V5's checksum, as such logs hold it").isEqualTo(MigrationRepair.V5_EDITED);
        }

        try (StationDatabase db = StationDatabase.open(base)) {
            assertThat(history(db)).isEqualTo(new TreeMap<>(LANDED));
        }
    }

    @Test
    void anyOtherChangedChecksumStillStopsTheStation() throws Exception {
        Path base = dir.resolve("tampered");
        try (StationDatabase db = StationDatabase.open(base)) {
            Transactions.inTransaction(db, tx -> Sql.update(tx, "UPDATE \"flyway_schema_history\" SET \"checksum\" = 42 WHERE \"version\" = '6'"));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StationDatabase.open(base).close()).hasStackTraceContaining("checksum");
    }

    private Path copy(String name, String... files) throws Exception {
        Path to = Files.createDirectories(dir.resolve("migrations-" + name));
        for (String f : files) {
            try (InputStream in = getClass().getResourceAsStream("/db/migration/" + f)) {
                Files.copy(in, to.resolve(f));
            }
        }
        return to;
    }

    private static void migrate(Path base, String location) {
        Flyway.configure().dataSource("jdbc:h2:file:" + base, "imprint", "").locations(location).load().migrate();
    }

    private static Connection connect(Path base) throws Exception {
        return DriverManager.getConnection("jdbc:h2:file:" + base, "imprint", "");
    }

    private static Map<String, Integer> history(StationDatabase db) throws Exception {
        return Transactions.inTransaction(db, tx -> {
            Map<String, Integer> found = new TreeMap<>();
            Sql.query(tx, "SELECT \"version\", \"checksum\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL",
                    rs -> found.put(rs.getString(1), rs.getInt(2)));
            return found;
        });
    }
}
