package io.imprint.station.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit the station acknowledged survives a kill -9 of the station. A child JVM
 * ({@link DurabilityWriter}) commits a batch and its certificate per transaction and prints
 * {@code ACK n} after each commit returned; this test SIGKILLs it at a seeded random moment, round
 * after round on the same file, each round recovering the last one's crash, then checks that every
 * acknowledged row is there and intact. The seed is printed; rerun one with
 * {@code -Dimprint.durability.seed=<seed>}.
 */
@EnabledOnOs(OS.LINUX) // 137 = 128 + SIGKILL is how a JVM on Linux reports a child killed by signal 9
class StationDatabaseDurabilityTest {

    private static final int ROUNDS = 12;
    private static final int MAX_KILL_DELAY_MILLIS = 200;
    private static final int EXIT_BY_SIGKILL = 128 + 9;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedCommitSurvivesSigkillAtARandomMoment() throws Exception {
        long seed = Long.getLong("imprint.durability.seed", System.nanoTime());
        String rerun = "seed " + seed + " (rerun with -Dimprint.durability.seed=" + seed + ")";
        System.out.println("StationDatabaseDurabilityTest: " + rerun);
        Random random = new Random(seed);
        Path base = dir.resolve("station");
        List<Long> acked = new ArrayList<>();
        long lastAcked = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            String where = "round " + round + ", " + rerun;
            int killDelay = random.nextInt(MAX_KILL_DELAY_MILLIS);
            try (ChildProcess writer = ChildProcess.start(dir.resolve("writer-" + round + ".err"),
                    DurabilityWriter.class, base.toString())) {
                // START comes only once StationDatabase.open returned: the last round's crash recovered cleanly.
                String start = writer.awaitLine("START ", Duration.ofSeconds(30))
                        .orElseThrow(() -> new AssertionError(where + ": the writer died opening the database\n"
                                + writer.describe()));
                long first = Long.parseLong(start.substring("START ".length()));
                // Also keeps numbers unique: a lost acknowledged row would otherwise be written again.
                assertThat(first).as(where + ": the writer resumes after the last acknowledged row")
                        .isGreaterThan(lastAcked);
                Thread.sleep(killDelay);
                assertThat(writer.killHard()).as(where + ": killed by SIGKILL").isEqualTo(EXIT_BY_SIGKILL);
                long expected = first;
                for (String line : writer.rest()) {
                    if (line.startsWith("ACK ")) {
                        long n = Long.parseLong(line.substring("ACK ".length()));
                        assertThat(n).as(where + ": acknowledgements in order").isEqualTo(expected++);
                        acked.add(n);
                        lastAcked = n;
                    }
                }
            }
        }
        assertThat(acked).as("the writers acknowledged something to lose; " + rerun).isNotEmpty();
        try (StationDatabase db = StationDatabase.open(base); Connection c = db.connection()) {
            Map<Long, DurabilityRows> rows = DurabilityRows.read(c);
            List<Long> lostOrDamaged = acked.stream()
                    .filter(n -> !DurabilityRows.expected(n).equals(rows.get(n)))
                    .toList();
            assertThat(lostOrDamaged).as("acknowledged rows missing or damaged after " + ROUNDS
                    + " kills of " + acked.size() + " acknowledged; " + rerun).isEmpty();
        }
        // H2 writes the errors it meets (in recovery, in closing) to a trace file next to the database.
        Path trace = dir.resolve("station.trace.db");
        assertThat(trace).as(() -> "H2 reported errors; " + rerun + "\n" + read(trace)).doesNotExist();
        System.out.println("StationDatabaseDurabilityTest: " + acked.size() + " acknowledged commits survived "
                + ROUNDS + " kills");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
