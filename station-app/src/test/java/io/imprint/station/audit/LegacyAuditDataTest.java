package io.imprint.station.audit;

import static io.imprint.station.audit.AuditFixture.messages;
import static io.imprint.station.audit.AuditFixture.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import io.imprint.station.testing.FakeClock;
import io.imprint.station.testing.LegacyJson;
import io.imprint.station.util.JsonText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A station database and an audit export written by the hand-written JSON code before Jackson
 * ({@code src/test/resources/legacy-json}): they still verify, a one-byte change is still found, and an
 * export of the old database is the same bytes as the old export.
 */
class LegacyAuditDataTest {

    @TempDir
    Path dir;

    @Test
    void theOldDatabaseVerifiesAndNewJacksonEventsChainOntoIt() throws Exception {
        try (StationDatabase db = LegacyJson.openStation(dir)) {
            assertThat(verify(db)).isEmpty();
            MemoryChainSigner newKey = new MemoryChainSigner();
            try (Connection c = db.connection()) {
                new AuditTrail("st-legacy", newKey, 4, FakeClock.ticking())
                        .append(c, new AuditEvent("sup", "settings.changed", "ports", JsonText.of("value", LegacyJson.TRICKY)));
            }
            AuditVerification result = AuditVerifier.trusting(List.of(LegacyJson.stationKey(), newKey.publicKey())).verifyDatabase(db);
            assertThat(messages(result)).isEmpty();
            assertThat(result.rows()).isEqualTo(8);
        }
    }

    @Test
    void aOneByteChangeToOldDetailsIsFound() throws Exception {
        try (StationDatabase db = LegacyJson.openStation(dir)) {
            update(db, "UPDATE audit_events SET details = REPLACE(details, 'nul', 'nuL') WHERE seq = 4");
            assertThat(verify(db)).containsExactly("row 4 was edited (hash mismatch)");
        }
    }

    @Test
    void theOldExportVerifies() throws Exception {
        AuditVerification result = AuditVerifier.trusting(List.of(LegacyJson.stationKey())).verifyExport(LegacyJson.file("audit-export.jsonl"));
        assertThat(problems(result)).isEmpty();
        assertThat(result.rows()).isEqualTo(7);
        assertThat(result.checkpoints()).isEqualTo(1);
    }

    @Test
    void theOldExportReadsTheDetailsAsStored() throws Exception {
        try (StationDatabase db = LegacyJson.openStation(dir)) {
            Map<Long, String> stored = new java.util.TreeMap<>();
            try (AuditTables.Snapshot snapshot = AuditTables.snapshot(db)) {
                snapshot.forEachRow(r -> stored.put(r.seq(), r.details()));
            }
            Map<Long, String> exported = new java.util.TreeMap<>();
            AuditExportFile.open(LegacyJson.file("audit-export.jsonl")).forEachRow(r -> exported.put(r.seq(), r.details()));
            assertThat(exported).isEqualTo(stored).hasSize(7);
            assertThat(stored.get(4L)).contains("\\u0008 ff \\u000c nul \\u0000", "\u2028", "😀");
        }
    }

    @Test
    void aOneByteChangeInTheOldExportIsFound() throws Exception {
        List<String> lines = Files.readAllLines(LegacyJson.file("audit-export.jsonl"), StandardCharsets.UTF_8);
        lines.set(6, lines.get(6).replace("nul \\\\u0000", "nul \\\\u0001"));
        Path copy = dir.resolve("tampered.jsonl");
        Files.write(copy, lines, StandardCharsets.UTF_8);
        assertThat(Files.mismatch(copy, LegacyJson.file("audit-export.jsonl"))).isPositive();

        assertThat(problems(AuditVerifier.trusting(List.of(LegacyJson.stationKey())).verifyExport(copy))).containsExactly("row 4 was edited (hash mismatch)");
    }

    @Test
    void exportingTheOldDatabaseWritesTheOldExportByteForByte() throws Exception {
        Path again = dir.resolve("again.jsonl");
        try (StationDatabase db = LegacyJson.openStation(dir)) {
            AuditExportFile.export(db, again, Instant.parse("2025-07-01T00:00:00Z"));
        }
        assertThat(Files.readString(again, StandardCharsets.UTF_8)).isEqualTo(Files.readString(LegacyJson.file("audit-export.jsonl"), StandardCharsets.UTF_8));
    }

    @Test
    void aStrictReaderRefusesWhatTheOldOneRefused() throws Exception {
        List<String> good = Files.readAllLines(LegacyJson.file("audit-export.jsonl"), StandardCharsets.UTF_8);
        String event = good.get(8);
        assertThat(event).startsWith("{\"type\":\"event\",\"seq\":6,");
        Map<String, String> damaged = Map.of(
                event.replace("\"actor\":\"sup\"", "\"actor\":\"sup\",\"actor\":\"mallory\""), "Duplicate field 'actor'",
                event.replace("\"details\":\"{}\"", "\"details\":{}"), "field \"details\" is nested",
                event.replace("\"details\":\"{}\"", "\"details\":[\"{}\"]"), "field \"details\" is nested",
                event.replace("\"seq\":6", "\"seq\":6.0"), "field \"seq\" is a number that is not a 64-bit integer",
                event.replace("\"seq\":6", "\"seq\":99999999999999999999"), "field \"seq\" is a number that is not a 64-bit integer",
                event.replace("\"seq\":6", "\"seq\":true"), "field \"seq\" is a boolean",
                event + " {}", "line 9 is not an audit record",
                event.replace("\"subject\":\"ports\"", "\"subject\":\"po\trts\""), "Illegal unquoted character",
                event.replace("\"subject\":\"ports\"", "\"subject\":\"po\\xrts\""), "Unrecognized character escape",
                "[" + event + "]", "not a JSON object");
        for (Map.Entry<String, String> bad : damaged.entrySet()) {
            List<String> lines = new java.util.ArrayList<>(good);
            lines.set(8, bad.getKey());
            Path copy = dir.resolve("damaged.jsonl");
            Files.write(copy, lines, StandardCharsets.UTF_8);
            assertThatThrownBy(() -> AuditVerifier.trusting(List.of(LegacyJson.stationKey())).verifyExport(copy)).as(bad.getKey())
                    .isInstanceOf(StoreException.class).hasMessageContaining("line 9 is not an audit record").hasMessageContaining(bad.getValue());
        }
    }

    /** The fixture's last three rows come after its last checkpoint: a warning, there since it was written. */
    private static List<String> verify(StationDatabase db) throws Exception {
        return problems(AuditVerifier.trusting(List.of(LegacyJson.stationKey())).verifyDatabase(db));
    }

    private static List<String> problems(AuditVerification result) {
        assertThat(result.warnings()).extracting(AuditFinding::message).containsExactly("the last 3 rows after the final checkpoint (row 4) are unsigned");
        return result.problems().stream().map(AuditFinding::message).toList();
    }
}
