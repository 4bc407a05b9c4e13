package io.imprint.station.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.ca.ceremony.CaDirectory;
import io.imprint.ca.profile.CaConfig;
import io.imprint.station.audit.AuditTrail;
import io.imprint.station.audit.AuditVerifier;
import io.imprint.station.store.Sql;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.Transactions;
import io.imprint.station.testing.FakeClock;
import io.imprint.station.audit.MemoryChainSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An admin's profile change goes to ca.conf with its audit event; a bad one changes nothing. */
class ProfileSettingsTest {

    @TempDir
    Path dir;

    @Test
    void aChangeIsWrittenToCaConfAndAuditedWithItsAdmin() throws Exception {
        MemoryChainSigner signer = new MemoryChainSigner();
        CaDirectory ca = new CaDirectory(Files.createDirectories(dir.resolve("ca")));
        try (StationDatabase db = StationDatabase.open(dir.resolve("station"))) {
            ProfileSettings profiles = new ProfileSettings(ca, db,
                    new AuditTrail("st-1", signer, 10, new FakeClock(Instant.parse("2026-11-25T10:00:00Z"), Duration.ofMillis(1))));
            assertThat(profiles.current().profile("device").validity()).hasValue(Duration.ofDays(7300));

            profiles.change("device", Map.of("validity", "P3650D"), "ada");

            assertThat(CaConfig.load(ca.config()).profile("device").validity()).hasValue(Duration.ofDays(3650));
            assertThat(profiles.current().profile("device").validity()).hasValue(Duration.ofDays(3650));
            assertThat(Files.readString(ca.config())).contains("# Profiles. Each may set:");
            String conf = Files.readString(ca.config());

            assertThatThrownBy(() -> profiles.change("device", Map.of("validity", "soon"), "ada"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("device validity 'soon'");
            assertThat(Files.readString(ca.config())).isEqualTo(conf);

            List<String> events = Transactions.<List<String>, RuntimeException>inTransaction(db, tx -> Sql.query(tx,
                    "SELECT actor || ' ' || action || ' ' || subject || ' ' || details FROM audit_events ORDER BY seq", rs -> rs.getString(1)));
            assertThat(events).hasSize(1);
            assertThat(events.getFirst()).startsWith("ada settings.profile-changed device ").contains("validity=P3650D");
            assertThat(AuditVerifier.trusting(List.of(signer.publicKey())).verifyDatabase(db).problems()).isEmpty();
        }
    }
}
