package io.imprint.station.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of the JVM's JIT compiler threads, read from {@code /proc/self/task}: the JDK's own
 * compilation time ({@code CompilationMXBean}) is elapsed time summed over compiler threads, which on a
 * loaded two-core machine counted a compile's waits for a core too (over 100 % of a phase's time).
 * Compiler threads are not Java-visible threads, so {@code ThreadMXBean} cannot give theirs.
 *
 * <p>Linux only; elsewhere (or if {@code /proc} cannot be read) it reads 0. Stateless and thread-safe.
 */
final class CompilerCpu {

    /** The kernel's clock ticks per second for {@code /proc/<pid>/stat} times (USER_HZ: 100 on Linux). */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private CompilerCpu() {
    }

    /** CPU nanoseconds the compiler threads alive now have used since they started (10 ms resolution). */
    static long nanos() {
        Path tasks = Path.of("/proc/self/task");
        try (Stream<Path> threads = Files.list(tasks)) {
            return threads.mapToLong(CompilerCpu::compilerNanos).sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long compilerNanos(Path task) {
        try {
            String stat = ProcFiles.read(task.resolve("stat"));
            // "pid (comm) state ..." where comm may hold spaces: the fields after the last ')' are fixed.
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            String name = stat.substring(open + 1, close);
            if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
                return 0;
            }
            String[] after = stat.substring(close + 2).split(" ");
            // after[0] is field 3 (state); utime and stime are fields 14 and 15.
            return (Long.parseLong(after[11]) + Long.parseLong(after[12])) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            // A thread that ended between the listing and the read.
            return 0;
        }
    }
}
