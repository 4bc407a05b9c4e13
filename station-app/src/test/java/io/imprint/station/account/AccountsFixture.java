package io.imprint.station.account;

import io.imprint.station.audit.AuditTrail;
import io.imprint.station.audit.AuditVerification;
import io.imprint.station.audit.AuditVerifier;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.testing.FakeClock;
import io.imprint.station.audit.MemoryChainSigner;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh batch log per test with an audit trail signed by a key in memory, and accounts hashing with
 * few iterations so tests stay fast ({@link DefaultIterationsTest} uses the real count). Not thread-safe.
 */
abstract class AccountsFixture {

    static final int TEST_ITERATIONS = 1_000;
    static final String ACTOR = "root-admin";

    @TempDir
    Path dir;

    final FakeClock clock = new FakeClock(Instant.parse("2025-06-01T08:00:00Z"), Duration.ofMillis(1));
    MemoryChainSigner signer;
    StationDatabase db;
    Accounts accounts;

    /** One row of the audit trail, as the tests compare it. */
    record Event(String actor, String action, String subject, String details) {
    }

    @BeforeEach
    void open() throws Exception {
        signer = new MemoryChainSigner();
        reopen();
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    /** Closes the batch log and opens it again, as a restarted station would. */
    void reopen() throws Exception {
        close();
        db = StationDatabase.open(dir.resolve("station"));
        accounts = new Accounts(db, new AuditTrail("st-1", signer, 10, clock), clock, TEST_ITERATIONS);
    }

    Operator create(String name, Role role, String password) throws Exception {
        return accounts.create(name, "User " + name, role, password.toCharArray(), Optional.empty(), ACTOR);
    }

    List<Event> events() throws Exception {
        List<Event> events = new ArrayList<>();
        try (Connection c = db.connection();
             ResultSet rs = c.createStatement().executeQuery("SELECT actor, action, subject, details FROM audit_events ORDER BY seq")) {
            while (rs.next()) {
                events.add(new Event(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        return events;
    }

    AuditVerification verifyAudit() throws Exception {
        return AuditVerifier.trusting(List.of(signer.publicKey())).verifyDatabase(db);
    }
}
