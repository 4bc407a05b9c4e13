package io.imprint.station.sync.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.ca.testing.TestTokens;
import io.imprint.station.store.Sql;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.Transactions;
import io.imprint.station.testing.ChildStation;
import io.imprint.station.testing.SecretScan;
import io.imprint.station.testing.SyncSeed;
import io.imprint.station.testing.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code imprint sync --target aws} as an operator runs it, in its own process with its credentials in the
 * environment as the SDK reads them, against the AWS IoT stand-in on 127.0.0.1 (SigV4 checked on every
 * request): killed in the middle and started again, refused credentials, reconcile with {@code --fix}.
 */
class AwsSyncCliTest {

    @TempDir
    static Path shared;
    private static Path conf;
    @TempDir
    Path dir;
    private FakeAwsIotServer server;
    private final SyncSeed seed;

    /** What one finished child run said and how it ended. */
    private record Finished(int exit, List<String> out, String log) {
    }

    AwsSyncCliTest() throws Exception {
        seed = new SyncSeed();
    }

    @BeforeAll
    static void ca() throws Exception {
        conf = TestTokens.stationCa(shared, "line-5");
    }

    @BeforeEach
    void station() throws Exception {
        Files.createDirectories(dir.resolve("ca"));
        try (var files = Files.list(shared.resolve("ca"))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve("ca").resolve(f.getFileName()));
            }
        }
        server = new FakeAwsIotServer(AwsIotRegistryTest.KEY_ID, AwsIotRegistryTest.SECRET, AwsIotRegistryTest.REGION, Clock.systemUTC());
        server.group("line-3");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Map<String, String> env(String secret) {
        return Map.of("SOFTHSM2_CONF", conf.toString(), "AWS_ACCESS_KEY_ID", AwsIotRegistryTest.KEY_ID, "AWS_SECRET_ACCESS_KEY", secret,
                "AWS_EC2_METADATA_DISABLED", "true", "AWS_CONFIG_FILE", dir.resolve("no-aws-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-aws-credentials").toString());
    }

    private List<String> sync(String... more) {
        List<String> args = new ArrayList<>(List.of("sync", "--target", "aws", "--endpoint", server.endpoint().toString(), "--region", AwsIotRegistryTest.REGION));
        args.addAll(List.of(more));
        args.addAll(List.of("--data-dir", dir.toString(), "--station-id", "line-5", "--user", "sam"));
        return args;
    }

    private Finished finish(ChildStation child, Path log) throws Exception {
        List<String> out = new ArrayList<>();
        for (Optional<String> line = child.next(Duration.ofSeconds(120)); line.isPresent(); line = child.next(Duration.ofSeconds(120))) {
            out.add(line.get());
        }
        assertThat(child.ended()).as(ChildStation.tail(log, 20)).isTrue();
        return new Finished(child.terminate(Duration.ofSeconds(10)), out, ChildStation.tail(log, 20));
    }

    private Finished run(List<String> args, String secret) throws Exception {
        Path log = dir.resolve("run-" + System.nanoTime() + ".log");
        return finish(ChildStation.start(args, env(secret), log), log);
    }

    private long deliveries(String state) throws Exception {
        try (StationDatabase db = StationDatabase.open(dir.resolve("station"))) {
            return Transactions.inTransaction(db, tx -> Sql.count(tx, "SELECT COUNT(*) FROM sync_deliveries WHERE target = 'aws' AND state = ?", state));
        }
    }

    @Test
    void aSyncKilledMidwayAndStartedAgainRegistersEachOfAThousandBoardsExactlyOnce() throws Exception {
        List<String> ids;
        try (StationDatabase db = StationDatabase.open(dir.resolve("station"))) {
            ids = seed.provisioned(db, "WO-A", 1000);
        }
        Path log = dir.resolve("child.log");
        ChildStation first = ChildStation.start(sync("--rate", "250"), env(AwsIotRegistryTest.SECRET), log);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (server.thingCount() < 300 && first.alive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(first.alive()).as(ChildStation.tail(log, 20)).isTrue();
        assertThat(first.kill()).isEqualTo(ChildStation.KILLED);
        assertThat(server.thingCount()).isBetween(300, 999);

        Finished second = finish(ChildStation.start(sync("--rate", "250"), env(AwsIotRegistryTest.SECRET), log), log);

        assertThat(second.exit()).as(String.join("\n", second.out()) + second.log()).isZero();
        assertThat(server.thingCreations()).hasSize(1000).allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1));
        assertThat(server.thingCreations().keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(server.certificateRegistrations()).hasSize(1000).allSatisfy((sha, times) -> assertThat(times).as(sha).isEqualTo(1));
        assertThat(ids).allSatisfy(id -> assertThat(server.thing(id).orElseThrow().principals()).as(id).hasSize(1));
        assertThat(server.groupMembers("line-3")).hasSize(1000);
        assertThat(server.badSignatures()).isZero();
        assertThat(deliveries("SYNCED")).isEqualTo(1000);
        assertThat(second.out()).anySatisfy(l -> assertThat(l).isEqualTo("aws: 0 pending, 1000 synced, 0 failed, 0 in conflict, 0 skipped"));
        for (Path file : List.of(dir.resolve("station.mv.db"), log)) {
            assertThat(SecretScan.contains(file, AwsIotRegistryTest.SECRET.getBytes(StandardCharsets.US_ASCII))).as(file + " holds the secret").isFalse();
            assertThat(SecretScan.contains(file, "Signature=".getBytes(StandardCharsets.US_ASCII))).as(file + " holds a signature").isFalse();
        }
    }

    @Test
    void refusedCredentialsExitThreeNameNoSecretAndMarkNothingSynced() throws Exception {
        try (StationDatabase db = StationDatabase.open(dir.resolve("station"))) {
            seed.provisioned(db, "WO-A", 3);
        }
        String wrong = "wrong/secret+0123456789abcdefghijKLMNOPQR";

        Path log = dir.resolve("refused.log");
        Finished run = finish(ChildStation.start(sync(), env(wrong), log), log);

        assertThat(run.exit()).as(run.out() + run.log()).isEqualTo(3);
        assertThat(Files.readString(log)).contains("refused: aws refused the station's credentials").doesNotContain(wrong, "Signature=");
        assertThat(server.thingCount()).isZero();
        assertThat(deliveries("PENDING")).isEqualTo(3);
    }

    @Test
    void reconcileFindsWhatAwsLacksOrStillAcceptsAndFixRepairsIt() throws Exception {
        List<String> ids;
        try (StationDatabase db = StationDatabase.open(dir.resolve("station"))) {
            ids = seed.provisioned(db, "WO-A", 4);
        }
        assertThat(run(sync("--rate", "100"), AwsIotRegistryTest.SECRET).exit()).isZero();
        try (StationDatabase db = StationDatabase.open(dir.resolve("station"))) {
            seed.revoke(db, "WO-A", ids.get(1));
        }
        server.remove(ids.get(0));
        server.detachAll(ids.get(3));
        server.preload("stranger-1", new TestCertificates().issue("stranger-1").pem());

        Finished look = run(reconcile(), AwsIotRegistryTest.SECRET);

        assertThat(look.exit()).as(look.out() + look.log()).isEqualTo(4);
        assertThat(String.join("\n", look.out())).contains("missing            " + ids.get(0), "missing            " + ids.get(3), "extra              stranger-1",
                "revoked-but-active " + ids.get(1));

        Finished fix = run(reconcile("--fix"), AwsIotRegistryTest.SECRET);

        assertThat(fix.out()).anySatisfy(l -> assertThat(l).contains("4 difference(s), 3 fixed, 1 left"));
        assertThat(server.thing(ids.get(0)).orElseThrow().principals()).hasSize(1);
        assertThat(server.thing(ids.get(3)).orElseThrow().principals()).hasSize(1);
        assertThat(server.thing("stranger-1")).as("never deleted").isPresent();
        try (StationDatabase db = StationDatabase.open(dir.resolve("station"))) {
            String sha = Transactions.inTransaction(db, tx -> Sql.query(tx, "SELECT sha256 FROM certificates WHERE device_id = ?", rs -> rs.getString(1), ids.get(1)))
                    .getFirst();
            assertThat(server.certificateBySha256(sha).orElseThrow().status()).isEqualTo("REVOKED");
        }
    }

    private List<String> reconcile(String... more) {
        List<String> args = new ArrayList<>(sync(more));
        args.add(1, "reconcile");
        return args;
    }
}
