package io.imprint.station.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A place the station cannot write gives a StoreException naming the file and leaves things as they
 * were. A full disk is played by a file size limit ({@code ulimit -f}) on a child station: H2 then
 * meets a failing write just as on a full disk (EFBIG instead of ENOSPC) without needing root to
 * mount a small file system.
 */
class StationDatabaseUnwritableTest {

    /** In 512-byte blocks (dash's unit; bash's is 1 KiB): far less than a migrated batch log needs. */
    private static final int TINY_FILE_LIMIT_BLOCKS = 64;

    @TempDir
    Path dir;

    @TempDir
    Path logs;

    @Test
    void aDirectoryPathThroughARegularFileIsRefusedAndTheFileIsLeftAlone() throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-directory"), "keep me");

        assertThatThrownBy(() -> StationDatabase.open(blocker.resolve("station")))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot create the batch log " + blocker.resolve("station.mv.db") + ": " + blocker
                        + " is in the way and is not a directory");

        assertThat(blocker).hasContent("keep me");
        assertThat(list(dir)).containsExactly(blocker);
    }

    @Test
    void aReadOnlyDirectoryIsRefusedAndStaysEmpty() throws Exception {
        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(readOnly),
                    "permissions do not stop this user (root): no read-only directory without mounting one");

            assertThatThrownBy(() -> StationDatabase.open(readOnly.resolve("station")))
                    .isInstanceOf(StoreException.class)
                    .hasMessage("cannot write the batch log " + readOnly.resolve("station.mv.db") + ": the file or"
                            + " its directory is read-only (read-only file system or no permission)");
            assertThat(list(readOnly)).isEmpty();
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aDiskTooFullToCreateTheBatchLogIsRefusedAndLeavesNoHalfMadeFile() throws Exception {
        Path base = dir.resolve("station");
        try (ChildProcess station = ChildProcess.start(limited(HoldingStation.class, base.toString()),
                logs.resolve("station.err"))) {
            String refused = station.awaitLine("REFUSED ", Duration.ofSeconds(30))
                    .orElseThrow(() -> new AssertionError("the station opened a batch log it had no room for\n"
                            + station.describe()));
            assertThat(refused).isEqualTo("REFUSED cannot create the batch log " + dir.resolve("station.mv.db")
                    + ": File too large");
            assertThat(station.waitForExit(Duration.ofSeconds(30))).isEqualTo(2);
        }
        assertThat(list(dir)).isEmpty();
        // With room again the station starts as if nothing had happened.
        try (StationDatabase db = StationDatabase.open(base); Connection c = db.connection()) {
            assertThat(DurabilityRows.next(c)).isEqualTo(1);
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aDiskFillingUpStopsTheStationWithEveryAcknowledgedCommitIntact() throws Exception {
        Path base = dir.resolve("station");
        StationDatabase.open(base).close();
        long room = Files.size(dir.resolve("station.mv.db")) / 512 + 256;
        List<Long> acked = new ArrayList<>();
        try (ChildProcess writer = ChildProcess.start(
                limited(room, DurabilityWriter.class, base.toString()), logs.resolve("writer.err"))) {
            assertThat(writer.awaitLine("START ", Duration.ofSeconds(30))).as(writer::describe).isPresent();
            assertThat(writer.waitForExit(Duration.ofSeconds(60))).as(writer::describe).isNotZero();
            for (String line : writer.rest()) {
                if (line.startsWith("ACK ")) {
                    acked.add(Long.parseLong(line.substring("ACK ".length())));
                }
            }
            assertThat(writer.describe()).as("the writer stopped because the file could not grow")
                    .contains("File too large");
        }
        assertThat(acked).isNotEmpty();
        try (StationDatabase db = StationDatabase.open(base); Connection c = db.connection()) {
            Map<Long, DurabilityRows> rows = DurabilityRows.read(c);
            assertThat(acked).allSatisfy(n -> assertThat(rows.get(n)).isEqualTo(DurabilityRows.expected(n)));
        }
    }

    private static List<String> limited(Class<?> main, String... args) {
        return limited(TINY_FILE_LIMIT_BLOCKS, main, args);
    }

    /** The child's java command under {@code ulimit -f blocks}. */
    private static List<String> limited(long blocks, Class<?> main, String... args) {
        List<String> command = new ArrayList<>(
                List.of("/bin/sh", "-c", "ulimit -f " + blocks + " && exec \"$@\"", "sh"));
        command.addAll(ChildProcess.javaCommand(main, args));
        return command;
    }

    private static List<Path> list(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }
}
