package io.imprint.station.audit;

import static io.imprint.station.audit.AuditFixture.appendEvents;
import static io.imprint.station.audit.AuditFixture.count;
import static io.imprint.station.audit.AuditFixture.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.ca.key.KeyManager;
import io.imprint.ca.testing.TestTokens;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import io.imprint.station.testing.FakeClock;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SignatureException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTrailTest extends StationTokenTest {

    @TempDir
    Path dir;

    AuditVerifier verifier() {
        return AuditVerifier.trusting(List.of(signer.publicKey()));
    }

    @Test
    void aChainOfThreeHundredEventsVerifiesWithTheStationKey() throws Exception {
        try (StationDatabase db = StationDatabase.open(dir.resolve("station"))) {
            appendEvents(db, new AuditTrail("st-1", signer, 25, FakeClock.ticking()), 1, 300);

            AuditVerification result = verifier().verifyDatabase(db);

            assertThat(result.findings()).isEmpty();
            assertThat(result.ok()).isTrue();
            assertThat(result.rows()).isEqualTo(300);
            assertThat(result.checkpoints()).isEqualTo(12);
            try (Connection c = db.connection();
                 ResultSet rs = c.createStatement().executeQuery("SELECT MIN(seq), MAX(seq), COUNT(*) FROM audit_events")) {
                rs.next();
                assertThat(List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3))).containsExactly(1L, 300L, 300L);
            }
        }
    }

    @Test
    void theHashEncodingIsTheDocumentedOne() throws Exception {
        assertThat(ChainEncoding.eventHash(1, Instant.parse("2025-01-02T03:04:05.000006Z"), "st-1", "alice", "batch.open", "WO-1", "{}",
                ChainEncoding.GENESIS)).isEqualTo("4015e2b6707a17cd1c7867490cbe1c8e03b664b0079f244b737c260de5acdee9");
        // A nanosecond part the database cannot keep is cut before hashing, so what is stored is what was hashed.
        assertThat(ChainEncoding.time(Instant.parse("2025-01-02T03:04:05.123456789Z"))).isEqualTo("2025-01-02T03:04:05.123456Z");
        assertThat(ChainEncoding.time(Instant.parse("2025-01-02T03:04:05Z"))).isEqualTo("2025-01-02T03:04:05.000000Z");
    }

    @Test
    void anAppendWhoseTransactionRollsBackLeavesNoTrace() throws Exception {
        try (StationDatabase db = StationDatabase.open(dir.resolve("station"))) {
            AuditTrail trail = new AuditTrail("st-1", signer, 4, FakeClock.ticking());
            appendEvents(db, trail, 1, 3);
            try (Connection c = db.connection()) {
                c.setAutoCommit(false);
                c.createStatement().executeUpdate("INSERT INTO station_settings VALUES ('line', '7')");
                assertThat(trail.append(c, AuditFixture.event(4))).isEqualTo(4); // seq 4 is also a checkpoint
                c.rollback();
            }
            assertThat(count(db, "audit_events")).isEqualTo(3);
            assertThat(count(db, "audit_checkpoints")).isZero();
            assertThat(count(db, "station_settings")).isZero();

            try (Connection c = db.connection()) {
                assertThat(trail.append(c, AuditFixture.event(5))).as("auto-commit: the append commits by itself").isEqualTo(4);
            }
            AuditVerification result = verifier().verifyDatabase(db);
            assertThat(result.findings()).isEmpty();
            assertThat(result.rows()).isEqualTo(4);
        }
    }

    @Test
    void aSigningFailureFailsTheAppendAndLeavesTheChainAsItWas() throws Exception {
        ChainSigner unplugged = new ChainSigner() {
            @Override
            public byte[] sign(byte[] data) throws GeneralSecurityException {
                throw new SignatureException("CKR_DEVICE_REMOVED");
            }

            @Override
            public PublicKey publicKey() {
                return signer.publicKey();
            }

            @Override
            public String algorithm() {
                return signer.algorithm();
            }
        };
        try (StationDatabase db = StationDatabase.open(dir.resolve("station"))) {
            appendEvents(db, new AuditTrail("st-1", signer, 3, FakeClock.ticking()), 1, 2);
            AuditTrail failing = new AuditTrail("st-1", unplugged, 3, FakeClock.ticking());
            try (Connection c = db.connection()) {
                c.setAutoCommit(false);
                c.createStatement().executeUpdate("INSERT INTO station_settings VALUES ('line', '7')");
                assertThatThrownBy(() -> failing.append(c, AuditFixture.event(3)))
                        .isInstanceOf(StoreException.class)
                        .hasMessage("cannot sign the audit chain head at row 3: CKR_DEVICE_REMOVED");
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM station_settings")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("the caller's own change is still there, for it to decide").isEqualTo(1);
                }
                c.rollback();
            }
            appendEvents(db, new AuditTrail("st-1", signer, 3, FakeClock.ticking()), 3, 3);
            assertThat(verifier().verifyDatabase(db).findings()).isEmpty();
            assertThat(count(db, "audit_checkpoints")).isEqualTo(1);
        }
    }

    @Test
    void anOversizedEventIsRefusedBeforeItTouchesTheChain() {
        assertThatThrownBy(() -> new AuditEvent("alice", "device.provisioned", "x".repeat(257), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subject is 257 characters; at most 256 fit");
        assertThat(new AuditEvent("alice", "batch.close", null, null)).isEqualTo(new AuditEvent("alice", "batch.close", "", "{}"));
    }

    @Test
    void aCheckpointAtBatchCloseSignsTheHeadOnce() throws Exception {
        try (StationDatabase db = StationDatabase.open(dir.resolve("station"))) {
            AuditTrail trail = new AuditTrail("st-1", signer, 1000, FakeClock.ticking());
            try (Connection c = db.connection()) {
                trail.checkpoint(c); // nothing to sign yet
            }
            appendEvents(db, trail, 1, 7);
            assertThat(messages(verifier().verifyDatabase(db))).containsExactly("warning: all 7 rows are unsigned (no checkpoint yet)");

            try (Connection c = db.connection()) {
                trail.checkpoint(c);
                trail.checkpoint(c);
            }
            assertThat(count(db, "audit_checkpoints")).isEqualTo(1);
            appendEvents(db, trail, 8, 9);
            AuditVerification result = verifier().verifyDatabase(db);
            assertThat(result.ok()).isTrue();
            assertThat(messages(result)).containsExactly("warning: the last 2 rows after the final checkpoint (row 7) are unsigned");
        }
    }

    @Test
    void theAuditKeyIsFoundAgainInANewSession() throws Exception {
        // Not closed: the process has one PKCS#11 provider per slot, and closing any session logs it out
        // for the other tests' signer too.
        KeyManager again = TestTokens.open("station", tokenDir.resolve("token.pin"));
        TokenChainSigner found = TokenChainSigner.getOrCreate(again, TokenChainSigner.DEFAULT_OBJECT, "st-1", FakeClock.ticking());
        assertThat(StationKeys.keyId(found.publicKey())).isEqualTo(StationKeys.keyId(signer.publicKey()));
        assertThat(found.algorithm()).isEqualTo("SHA256withECDSA");
        assertThat(again.exists(TokenChainSigner.DEFAULT_OBJECT + "-other")).isFalse();
    }
}
