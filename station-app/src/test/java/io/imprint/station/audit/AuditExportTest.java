package io.imprint.station.audit;

import static io.imprint.station.audit.AuditFixture.appendEvents;
import static io.imprint.station.audit.AuditFixture.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.station.audit.AuditFinding.ForeignSigner;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import io.imprint.station.testing.FakeClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A copy of the log leaves the station and is verified against the station key the verifier trusts. */
class AuditExportTest extends StationTokenTest {

    @TempDir
    Path dir;

    Path export;

    @BeforeEach
    void exportHundredSignedEvents() throws Exception {
        export = dir.resolve("audit.jsonl");
        try (StationDatabase db = StationDatabase.open(dir.resolve("station"))) {
            appendEvents(db, new AuditTrail("st-1", signer, 25, FakeClock.ticking()), 1, 100);
            assertThat(AuditExportFile.export(db, export, Instant.parse("2025-07-01T00:00:00Z"))).isEqualTo(100);
        }
    }

    List<String> findings(Path file, ChainSigner trusted) throws Exception {
        return messages(AuditVerifier.trusting(List.of(trusted.publicKey())).verifyExport(file));
    }

    @Test
    void anUntouchedCopyVerifiesWithTheStationKey() throws Exception {
        AuditVerification result = AuditVerifier.trusting(List.of(signer.publicKey())).verifyExport(export);

        assertThat(result.findings()).isEmpty();
        assertThat(result.rows()).isEqualTo(100);
        assertThat(result.checkpoints()).isEqualTo(4);
        assertThat(AuditExportFile.open(export).recordedSigners()).containsOnlyKeys(StationKeys.keyId(signer.publicKey()));
    }

    @Test
    void opensslVerifiesACheckpointSignatureOnItsOwn() throws Exception {
        AuditCheckpoint checkpoint = AuditExportFile.open(export).checkpoints().getFirst();
        Files.writeString(dir.resolve("station.pem"), StationKeys.pem(signer.publicKey()));
        Files.write(dir.resolve("message.bin"), ChainEncoding.checkpointMessage(checkpoint.seq(), checkpoint.headHash(), checkpoint.signedAt()));
        Files.write(dir.resolve("signature.der"), checkpoint.signature());

        Process openssl = new ProcessBuilder("openssl", "dgst", "-sha256", "-verify", "station.pem", "-signature", "signature.der", "message.bin")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(openssl.waitFor()).as(output).isZero();
        assertThat(output).contains("Verified OK");
    }

    @Test
    void anEditedLineIsNamed() throws Exception {
        List<String> lines = lines();
        int row17 = lineOf(lines, 17);
        lines.set(row17, lines.get(row17).replaceFirst("\"actor\":\"[a-z]+\"", "\"actor\":\"mallory\""));

        assertThat(findings(write(lines), signer)).containsExactly("row 17 was edited (hash mismatch)");
    }

    @Test
    void aDeletedLineIsNamed() throws Exception {
        List<String> lines = lines();
        lines.remove(lineOf(lines, 17));

        assertThat(findings(write(lines), signer)).containsExactly("row 17 is missing (seq jumps from 16 to 18)");
    }

    @Test
    void swappedLinesAreNamed() throws Exception {
        List<String> lines = lines();
        Collections.swap(lines, lineOf(lines, 17), lineOf(lines, 18));

        assertThat(findings(write(lines), signer)).containsExactly("rows 17 and 18 are out of order");
    }

    @Test
    void aCopyResignedWithAnotherKeyIsRefusedByTheStationKey() throws Exception {
        // The forger rebuilds the whole log with one event changed and signs it with a key of their own.
        MemoryChainSigner forger = new MemoryChainSigner();
        Path forged = dir.resolve("forged.jsonl");
        try (StationDatabase db = StationDatabase.open(dir.resolve("forged"))) {
            AuditTrail trail = new AuditTrail("st-1", forger, 25, FakeClock.ticking());
            appendEvents(db, trail, 1, 16);
            try (var c = db.connection()) {
                trail.append(c, new AuditEvent("mallory", "device.provisioned", "SN-17", "{}"));
            }
            appendEvents(db, trail, 18, 100);
            AuditExportFile.export(db, forged, Instant.now());
        }

        assertThat(findings(forged, forger)).as("the copy is consistent in itself").isEmpty();
        AuditVerification result = AuditVerifier.trusting(List.of(signer.publicKey())).verifyExport(forged);
        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).hasSize(4).allMatch(f -> f instanceof ForeignSigner);
        assertThat(result.problems().getFirst().message()).isEqualTo("checkpoint at row 25 was signed by key "
                + StationKeys.keyId(forger.publicKey()).substring(0, 16) + "…, not by a trusted station key");
    }

    @Test
    void aDamagedLineIsAnErrorNamingIt() throws Exception {
        List<String> lines = lines();
        lines.set(5, lines.get(5).substring(0, 40));

        assertThatThrownBy(() -> AuditVerifier.trusting(List.of(signer.publicKey())).verifyExport(write(lines)))
                .isInstanceOf(StoreException.class).hasMessageContaining("line 6 is not an audit record");
    }

    private List<String> lines() throws Exception {
        return new ArrayList<>(Files.readAllLines(export, StandardCharsets.UTF_8));
    }

    private static int lineOf(List<String> lines, long seq) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("{\"type\":\"event\",\"seq\":" + seq + ",")) {
                return i;
            }
        }
        throw new AssertionError("no event line for row " + seq);
    }

    private Path write(List<String> lines) throws Exception {
        Path copy = dir.resolve("tampered.jsonl");
        Files.write(copy, lines, StandardCharsets.UTF_8);
        return copy;
    }
}
