package io.imprint.station.audit;

import static io.imprint.station.audit.AuditFixture.appendEvents;
import static io.imprint.station.audit.AuditFixture.messages;
import static io.imprint.station.audit.AuditFixture.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.station.store.StationDatabase;
import io.imprint.station.testing.FakeClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Someone with write access to the station database changes the log; verification names the row. */
class AuditTamperTest extends StationTokenTest {

    @TempDir
    Path dir;

    StationDatabase db;

    @BeforeEach
    void hundredSignedEvents() throws Exception {
        db = StationDatabase.open(dir.resolve("station"));
        appendEvents(db, new AuditTrail("st-1", signer, 25, FakeClock.ticking()), 1, 100);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    List<String> findings() throws Exception {
        AuditVerification result = AuditVerifier.trusting(List.of(signer.publicKey())).verifyDatabase(db);
        assertThat(result.ok()).isEqualTo(result.problems().isEmpty());
        return messages(result);
    }

    @Test
    void anUntouchedLogHasNoFindings() throws Exception {
        assertThat(findings()).isEmpty();
    }

    @Test
    void anEditedActorOrDetailsIsNamed() throws Exception {
        update(db, "UPDATE audit_events SET actor = 'mallory' WHERE seq = 17");
        update(db, "UPDATE audit_events SET details = '{\"slot\":9}' WHERE seq = 42");

        assertThat(findings()).containsExactly("row 17 was edited (hash mismatch)", "row 42 was edited (hash mismatch)");
    }

    @Test
    void aDeletedMiddleRowIsNamed() throws Exception {
        update(db, "DELETE FROM audit_events WHERE seq = 17");

        assertThat(findings()).containsExactly("row 17 is missing (seq jumps from 16 to 18)");
    }

    @Test
    void twoSwappedRowsAreNamed() throws Exception {
        update(db, "UPDATE audit_events SET seq = 999999 WHERE seq = 17");
        update(db, "UPDATE audit_events SET seq = 17 WHERE seq = 18");
        update(db, "UPDATE audit_events SET seq = 18 WHERE seq = 999999");

        assertThat(findings()).containsExactly("rows 17 and 18 are out of order");
    }

    @Test
    void aForgedCheckpointSignatureIsNamed() throws Exception {
        byte[] signature = checkpointSignature(50);
        signature[signature.length - 1] ^= 0x01;
        update(db, "UPDATE audit_checkpoints SET signature = ? WHERE seq = 50", signature);
        update(db, "UPDATE audit_checkpoints SET signature = X'3006020101020101' WHERE seq = 75");

        assertThat(findings()).containsExactly("checkpoint at row 50 has a bad signature", "checkpoint at row 75 has a bad signature");
    }

    @Test
    void aRowRewrittenWithAFreshHashBreaksTheLinkToIt() throws Exception {
        update(db, "UPDATE audit_events SET actor = 'mallory' WHERE seq = 17");
        rehash(17);

        assertThat(findings()).containsExactly("row 18 does not link to row 17 (prev_hash mismatch: one of them was rewritten)");
    }

    @Test
    void aRewrittenTailIsCaughtByTheCheckpointThatSealedIt() throws Exception {
        // Everything from row 90 on rewritten with fresh hashes and a moved head: links hold, the signature does not.
        update(db, "UPDATE audit_events SET actor = 'mallory' WHERE seq = 90");
        for (long seq = 90; seq <= 100; seq++) {
            if (seq > 90) {
                update(db, "UPDATE audit_events SET prev_hash = (SELECT hash FROM audit_events WHERE seq = ?) WHERE seq = ?", seq - 1, seq);
            }
            rehash(seq);
        }
        update(db, "UPDATE audit_head SET hash = (SELECT hash FROM audit_events WHERE seq = 100)");

        assertThat(findings()).containsExactly(
                "checkpoint at row 100 does not match row 100 (rows up to it were rewritten after signing)",
                "warning: the last 25 rows after the final checkpoint (row 75) are unsigned");
    }

    @Test
    void rowsCutFromTheEndAreNamedByTheHead() throws Exception {
        appendEvents(db, new AuditTrail("st-1", signer, 25, FakeClock.ticking()), 101, 103);
        assertThat(findings()).containsExactly("warning: the last 3 rows after the final checkpoint (row 100) are unsigned");

        update(db, "DELETE FROM audit_events WHERE seq > 101");

        assertThat(findings()).containsExactly(
                "rows 102 to 103 are missing (the chain head is at 103)",
                "warning: the last row after the final checkpoint (row 100) is unsigned");
    }

    private byte[] checkpointSignature(long seq) throws Exception {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement("SELECT signature FROM audit_checkpoints WHERE seq = ?")) {
            s.setLong(1, seq);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        }
    }

    /** What a careful forger does: recompute the row's hash after changing it. */
    private void rehash(long seq) throws Exception {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement("SELECT * FROM audit_events WHERE seq = ?")) {
            s.setLong(1, seq);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                String hash = ChainEncoding.eventHash(seq, rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("station_id"),
                        rs.getString("actor"), rs.getString("action"), rs.getString("subject"), rs.getString("details"), rs.getString("prev_hash"));
                update(db, "UPDATE audit_events SET hash = ? WHERE seq = ?", hash, seq);
            }
        }
    }
}
