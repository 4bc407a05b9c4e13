package io.imprint.station.sync.azure;

import io.imprint.ca.testing.TestTokens;
import io.imprint.station.testing.TestCertificates;
import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.station.store.Sql;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.Transactions;
import io.imprint.station.testing.ChildStation;
import io.imprint.station.testing.Cli;
import io.imprint.station.testing.Cli.Run;
import io.imprint.station.testing.SecretScan;
import io.imprint.station.testing.SyncSeed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code imprint sync --target azure} as an operator runs it, against the DPS stand-in on 127.0.0.1 (SAS
 * checked on every request): a process killed in the middle and started again, refused credentials, and
 * reconcile with and without {@code --fix}. The station is real: its CA in SoftHSM, its batch log an H2 file.
 */
class AzureSyncCliTest {

    /** SoftHSM's module is loaded once per JVM, with the first token directory: one token and CA for the class. */
    @TempDir
    static Path shared;
    private static Path conf;
    @TempDir
    Path dir;
    private Path connection;
    private String key;
    private FakeDpsServer server;
    private final SyncSeed seed;

    AzureSyncCliTest() throws Exception {
        seed = new SyncSeed();
    }

    @BeforeAll
    static void ca() throws Exception {
        conf = TestTokens.stationCa(shared, "line-5");
    }

    /** Each test a station of its own (its data directory, its batch log) on the class's CA. */
    @BeforeEach
    void station() throws Exception {
        Files.createDirectories(dir.resolve("ca"));
        try (var files = Files.list(shared.resolve("ca"))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve("ca").resolve(f.getFileName()));
            }
        }
        key = AzureDpsRegistryTest.randomKey();
        server = new FakeDpsServer(AzureDpsRegistryTest.HOST, AzureDpsRegistryTest.POLICY, key, Clock.systemUTC());
        connection = dir.resolve("dps.connection");
        Files.writeString(connection, "HostName=" + AzureDpsRegistryTest.HOST + ";SharedAccessKeyName=" + AzureDpsRegistryTest.POLICY
                + ";SharedAccessKey=" + key + "\n");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<String> sync(String... more) {
        List<String> args = new ArrayList<>(List.of("sync", "--target", "azure", "--endpoint", server.endpoint().toString(),
                "--connection-string-file", connection.toString()));
        args.addAll(List.of(more));
        args.addAll(List.of("--data-dir", dir.toString(), "--station-id", "line-5", "--user", "sam"));
        return args;
    }

    private List<String> seedBoards(int count) throws Exception {
        try (StationDatabase db = StationDatabase.open(dir.resolve("station"))) {
            return seed.provisioned(db, "WO-S", count);
        }
    }

    private long deliveries(String state) throws Exception {
        try (StationDatabase db = StationDatabase.open(dir.resolve("station"))) {
            return Transactions.inTransaction(db, tx -> Sql.count(tx, "SELECT COUNT(*) FROM sync_deliveries WHERE target = 'azure' AND state = ?", state));
        }
    }

    @Test
    void aSyncKilledMidwayAndStartedAgainRegistersEachOfAThousandBoardsExactlyOnce() throws Exception {
        List<String> ids = seedBoards(1000);
        Path log = dir.resolve("child.log");
        Map<String, String> env = Map.of("SOFTHSM2_CONF", conf.toString());

        ChildStation first = ChildStation.start(sync("--rate", "250"), env, log);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (server.enrollmentCount() < 300 && first.alive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(first.alive()).as(ChildStation.tail(log, 20)).isTrue();
        assertThat(first.kill()).isEqualTo(ChildStation.KILLED);
        int before = server.enrollmentCount();
        assertThat(before).isBetween(300, 999);

        ChildStation second = ChildStation.start(sync("--rate", "250"), env, log);
        List<String> out = new ArrayList<>();
        for (Optional<String> line = second.next(Duration.ofSeconds(120)); line.isPresent(); line = second.next(Duration.ofSeconds(120))) {
            out.add(line.get());
        }
        assertThat(second.ended()).as(ChildStation.tail(log, 20)).isTrue();
        assertThat(second.terminate(Duration.ofSeconds(10))).as(String.join("\n", out) + ChildStation.tail(log, 20)).isZero();

        assertThat(server.enrollmentCount()).isEqualTo(1000);
        assertThat(server.creations()).hasSize(1000).allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1));
        assertThat(server.creations().keySet()).containsExactlyInAnyOrderElementsOf(ids.stream().map(i -> i.toLowerCase(Locale.ROOT)).toList());
        assertThat(deliveries("SYNCED")).isEqualTo(1000);
        assertThat(out).anySatisfy(l -> assertThat(l).isEqualTo("azure: 0 pending, 1000 synced, 0 failed, 0 in conflict, 0 skipped"));
        Run status = Cli.imprint("sync", "status", "--data-dir", dir.toString());
        assertThat(status.exit()).isZero();
        assertThat(status.out()).contains("azure: 0 pending, 1000 synced", "aws: 1000 pending, 0 synced");
        // Neither the policy key nor a token made from it is in the batch log or the processes' logs.
        for (Path file : List.of(dir.resolve("station.mv.db"), log)) {
            assertThat(SecretScan.contains(file, key.getBytes(StandardCharsets.US_ASCII))).as(file + " holds the key").isFalse();
            assertThat(SecretScan.contains(file, "SharedAccessSignature".getBytes(StandardCharsets.US_ASCII))).as(file + " holds a token").isFalse();
        }
    }

    @Test
    void refusedCredentialsExitThreeNameNoSecretAndMarkNothingSynced() throws Exception {
        seedBoards(3);
        String wrong = AzureDpsRegistryTest.randomKey();
        Files.writeString(connection, "HostName=" + AzureDpsRegistryTest.HOST + ";SharedAccessKeyName=" + AzureDpsRegistryTest.POLICY
                + ";SharedAccessKey=" + wrong + "\n");

        Run run = Cli.imprint(sync());

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(3);
        assertThat(run.err()).startsWith("refused: azure refused the station's credentials").doesNotContain(wrong, "sig=");
        assertThat(server.enrollmentCount()).isZero();
        assertThat(deliveries("SYNCED")).isZero();
        assertThat(deliveries("PENDING")).isEqualTo(3);
    }

    @Test
    void throttledAndFailingCallsAreRetriedUntilEveryBoardIsSyncedOnce() throws Exception {
        seedBoards(25);
        server.failNext(429, "1");
        server.failNext(503, null);
        server.failNext(500, null);

        Run run = Cli.imprint(sync("--rate", "100"));

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(server.creations()).hasSize(25).allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
        assertThat(deliveries("SYNCED")).isEqualTo(25);
    }

    @Test
    void reconcileFindsEachKindOfDifferenceAndFixRepairsWhatTheStationOwns() throws Exception {
        List<String> ids = seedBoards(6);
        assertThat(Cli.imprint(sync("--rate", "100")).exit()).isZero();
        try (StationDatabase db = StationDatabase.open(dir.resolve("station"))) {
            seed.revoke(db, "WO-S", ids.get(1));
        }
        // The registry as the station did not leave it: one board lost, one re-registered by someone else,
        // one device nobody here made, and the revocation never sent (the sync has not run since; --fix's
        // sync sends it too, after revoking it directly: two synced).
        server.remove(ids.get(0));
        server.remove(ids.get(2));
        server.preload(ids.get(2), new TestCertificates().issue(ids.get(2)).pem());
        server.preload("stranger-1", new TestCertificates().issue("stranger-1").pem());

        Run look = Cli.imprint(reconcile());

        assertThat(look.exit()).as(look.err()).isEqualTo(4);
        assertThat(look.out()).contains("missing            " + ids.get(0), "mismatch           " + ids.get(2).toLowerCase(Locale.ROOT),
                "extra              stranger-1", "revoked-but-active " + ids.get(1).toLowerCase(Locale.ROOT), "4 difference(s), 0 fixed, 4 left");

        Run fix = Cli.imprint(reconcile("--fix"));

        assertThat(fix.exit()).as(fix.out() + fix.err()).isEqualTo(4);
        assertThat(fix.out()).contains("queued again", "revoked there now", "sent again: 2 synced", "4 difference(s), 2 fixed, 2 left");
        assertThat(server.enrollment(ids.get(0))).isNotNull();
        assertThat(server.enrollment(ids.get(1)).path("provisioningStatus").asText()).isEqualTo("disabled");
        assertThat(server.enrollment("stranger-1")).as("never deleted").isNotNull();
        Run again = Cli.imprint(reconcile());
        assertThat(again.out()).contains("2 difference(s), 0 fixed, 2 left");
    }

    private List<String> reconcile(String... more) {
        List<String> args = new ArrayList<>(sync(more));
        args.add(1, "reconcile");
        return args;
    }
}
