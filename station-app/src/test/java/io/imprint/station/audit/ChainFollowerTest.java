package io.imprint.station.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.station.store.StationDatabase;
import java.nio.file.Files;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The line screen's audit count: new events checked one by one after a full verification, breaks found. */
class ChainFollowerTest {

    StationDatabase db;
    AuditTrail trail;

    @BeforeEach
    void open() throws Exception {
        db = StationDatabase.open(Files.createTempDirectory("follower").resolve("station"));
        trail = new AuditTrail("st-1", new MemoryChainSigner(), 50, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void theCountFollowsTheEventsAppendedAfterTheFullVerification() throws Exception {
        AuditFixture.appendEvents(db, trail, 1, 7);
        AuditVerification full = AuditVerifier.trustingRecordedKeys().verifyDatabase(db);
        AuditFixture.appendEvents(db, trail, 8, 9); // appended while the screen took the verdict in
        ChainFollower follower = ChainFollower.after(full, db);
        assertThat(follower.advance(db)).isEqualTo(new ChainFollower.State(9, java.util.Optional.empty()));
        AuditFixture.appendEvents(db, trail, 10, 250);
        assertThat(follower.advance(db).events()).isEqualTo(250);
        assertThat(follower.advance(db).events()).as("nothing new").isEqualTo(250);
    }

    @Test
    void anEventChangedAfterItWasWrittenBreaksTheCountAndItStaysBroken() throws Exception {
        AuditFixture.appendEvents(db, trail, 1, 5);
        ChainFollower follower = ChainFollower.after(AuditVerifier.trustingRecordedKeys().verifyDatabase(db), db);
        AuditFixture.appendEvents(db, trail, 6, 8);
        AuditFixture.update(db, "UPDATE audit_events SET actor = 'mallory' WHERE seq = 7");
        ChainFollower.State state = follower.advance(db);
        assertThat(state.ok()).isFalse();
        assertThat(state.broken()).contains("event 7 was changed after it was written");
        assertThat(state.events()).isEqualTo(6);
        AuditFixture.appendEvents(db, trail, 9, 9);
        assertThat(follower.advance(db).ok()).isFalse();
    }

    @Test
    void aFollowerOfABrokenChainSaysSoFromTheStart() throws Exception {
        AuditFixture.appendEvents(db, trail, 1, 5);
        AuditFixture.update(db, "UPDATE audit_events SET details = '{}' WHERE seq = 2");
        AuditVerification full = AuditVerifier.trustingRecordedKeys().verifyDatabase(db);
        assertThat(ChainFollower.after(full, db).advance(db).ok()).isFalse();
    }
}
