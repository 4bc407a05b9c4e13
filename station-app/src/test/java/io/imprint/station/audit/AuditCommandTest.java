package io.imprint.station.audit;

import static io.imprint.station.audit.AuditFixture.appendEvents;
import static io.imprint.station.audit.AuditFixture.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.ca.cli.CliErrors;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.testing.FakeClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code imprint audit verify|export} as an operator or an auditor runs them. */
class AuditCommandTest extends StationTokenTest {

    @TempDir
    Path dir;

    Path db;

    record Run(int exit, String out, String err) {
    }

    static Run audit(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CliErrors.install(new CommandLine(new AuditCommand()));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @BeforeEach
    void fiftyTwoEvents() throws Exception {
        db = dir.resolve("station");
        try (StationDatabase station = StationDatabase.open(db)) {
            appendEvents(station, new AuditTrail("st-1", signer, 25, FakeClock.ticking()), 1, 52);
        }
    }

    @Test
    void anExportVerifiesAgainstTheKeyWrittenBesideIt() throws Exception {
        Path copy = dir.resolve("audit.jsonl");
        Path key = dir.resolve("station-audit.pem");

        Run export = audit("export", "--db", db.toString(), "--out", copy.toString(), "--key-out", key.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.out()).contains("exported 52 events and 2 checkpoints");

        Run verify = audit("verify", "--file", copy.toString(), "--station-key", key.toString());
        assertThat(verify.exit()).as(verify.err()).isZero();
        assertThat(verify.out()).isEqualTo("""
                warning: the last 2 rows after the final checkpoint (row 50) are unsigned
                audit trail intact: 52 rows, 2 checkpoints
                """);
    }

    @Test
    void tamperingIsExitFourWithOneLinePerFinding() throws Exception {
        try (StationDatabase station = StationDatabase.open(db)) {
            update(station, "UPDATE audit_events SET actor = 'mallory' WHERE seq = 17");
            update(station, "DELETE FROM audit_events WHERE seq = 30");
        }
        Path key = dir.resolve("station-audit.pem");
        Files.writeString(key, StationKeys.pem(signer.publicKey()));

        Run verify = audit("verify", "--db", db.toString(), "--station-key", key.toString());

        assertThat(verify.exit()).isEqualTo(4);
        assertThat(verify.out().lines()).containsExactly(
                "row 17 was edited (hash mismatch)",
                "row 30 is missing (seq jumps from 29 to 31)",
                "warning: the last 2 rows after the final checkpoint (row 50) are unsigned");
    }

    @Test
    void theLiveDatabaseWithoutAKeyIsCheckedWithAWarning() {
        Run verify = audit("verify", "--db", db.toString());

        assertThat(verify.exit()).isZero();
        assertThat(verify.out()).startsWith("warning: no --station-key given").contains("audit trail intact: 52 rows");
    }

    @Test
    void aCopyWithoutATrustedKeyIsAUsageMistake() throws Exception {
        Path copy = dir.resolve("audit.jsonl");
        assertThat(audit("export", "--db", db.toString(), "--out", copy.toString()).exit()).isZero();

        Run verify = audit("verify", "--file", copy.toString());

        assertThat(verify.exit()).isEqualTo(2);
        assertThat(verify.err()).contains("--file needs --station-key");
    }

    @Test
    void aMissingDatabaseOrKeyFileIsExitOne() throws Exception {
        Run missing = audit("verify", "--db", dir.resolve("nowhere").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).startsWith("error: no station database at ");
        assertThat(dir.resolve("nowhere.mv.db")).doesNotExist();

        Path garbage = dir.resolve("garbage.pem");
        Files.writeString(garbage, "not a key", StandardCharsets.US_ASCII);
        Run badKey = audit("verify", "--db", db.toString(), "--station-key", garbage.toString());
        assertThat(badKey.exit()).isEqualTo(1);
        assertThat(badKey.err()).startsWith("error: ").contains("garbage.pem");
    }
}
