package io.imprint.station.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code imprint} in a JVM of its own, on this test's classpath, so it can be killed like a real station
 * process: its stdout arrives line by line through {@link #next}, its stderr is appended to a log file.
 *
 * <p>Not thread-safe: driven by the test thread; only the stdout reader runs on a thread of its own.
 */
public final class ChildStation {

    /** Exit status the JVM reports for a child that died of SIGKILL (128 + 9). */
    public static final int KILLED = 137;
    private static final String EOF = "\u0000eof";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private volatile long heardNanos = System.nanoTime();
    private boolean ended;

    private ChildStation(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon().name("child-stdout-" + process.pid()).start(this::pump);
    }

    /** Starts {@code imprint args…} with {@code env} added to this process's environment. */
    public static ChildStation start(List<String> args, Map<String, String> env, Path stderrLog) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        // The station calls libc and SoftHSM through FFM; serial GC keeps a small JVM on a small runner.
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.imprint.station.cli.ImprintCommand"));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(stderrLog.toFile()));
        pb.environment().putAll(env);
        return new ChildStation(pb.start());
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                heardNanos = System.nanoTime();
                lines.add(line);
            }
        } catch (IOException e) {
            // The pipe breaks only when the child is gone: the same as its end of output.
        } finally {
            lines.add(EOF);
        }
    }

    /** The next stdout line, waiting up to {@code wait}; empty on a timeout or once the output has ended. */
    public Optional<String> next(Duration wait) throws InterruptedException {
        if (ended) {
            return Optional.empty();
        }
        String line = lines.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (EOF.equals(line)) {
            ended = true;
            return Optional.empty();
        }
        return Optional.ofNullable(line);
    }

    /** Whether stdout has ended (every line before it has been returned by {@link #next}). */
    public boolean ended() {
        return ended;
    }

    /** How long since the child's last line (or its start). */
    public Duration silence() {
        return Duration.ofNanos(System.nanoTime() - heardNanos);
    }

    public long pid() {
        return process.pid();
    }

    /**
     * SIGKILL; returns the exit status. Sent through the process handle: {@link Process#destroyForcibly}
     * also closes our end of the child's stdout, which would drop the lines it wrote before it died.
     */
    public int kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        return process.waitFor();
    }

    /** SIGTERM, the operator's Ctrl-C; returns the exit status, or -1 if it did not exit in time. */
    public int terminate(Duration patience) throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            return -1;
        }
        return process.exitValue();
    }

    /** The child's thread dump (jstack), for the message of a test that found it hanging. */
    public String threadDump() {
        try {
            Path jstack = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jstack");
            Process p = new ProcessBuilder(jstack.toString(), String.valueOf(process.pid())).redirectErrorStream(true).start();
            String dump = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return dump;
        } catch (IOException e) {
            return "(no thread dump: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no thread dump: interrupted)";
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** The last lines of the child's stderr log, for assertion messages. */
    public static String tail(Path log, int count) {
        try {
            List<String> all = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", all.subList(Math.max(0, all.size() - count), all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
