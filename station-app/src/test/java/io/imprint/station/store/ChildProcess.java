package io.imprint.station.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running one of this test classpath's main classes, with the test JVM's own java binary
 * and classpath, its stdout read line by line and its stderr kept in a file for failure messages.
 *
 * <p>Not thread-safe: one test thread drives it (a private reader thread only fills the line queue).
 */
final class ChildProcess implements AutoCloseable {

    /** Put in the queue when stdout ends; compared by identity, so no line a child prints can pass for it. */
    private static final String EOF = new String("<eof>");

    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final ArrayDeque<String> lastLines = new ArrayDeque<>();

    private ChildProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread.ofPlatform().daemon().name("child-stdout-" + process.pid()).start(this::readStdout);
    }

    /** The command that runs {@code main} in a fresh JVM like this one; prefix it to wrap it (sh, ulimit). */
    static List<String> javaCommand(Class<?> main, String... args) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java,
                "--enable-native-access=ALL-UNNAMED",
                // The children are short-lived writers: a quick start matters more than peak speed.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
                "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        return command;
    }

    static ChildProcess start(List<String> command, Path stderr) throws IOException {
        Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        return new ChildProcess(p, stderr);
    }

    static ChildProcess start(Path stderr, Class<?> main, String... args) throws IOException {
        return start(javaCommand(main, args), stderr);
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the next line starting with {@code prefix}, skipping others; empty if the child ended first. */
    Optional<String> awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no '" + prefix + "' line from child " + pid() + " within " + timeout
                        + "\n" + describe());
            }
            if (line == EOF) {
                lines.add(EOF);
                return Optional.empty();
            }
            if (line.startsWith(prefix)) {
                return Optional.of(line);
            }
        }
    }

    /**
     * SIGKILLs the child and returns its exit value. Process.destroyForcibly() sends SIGKILL on Linux;
     * the exit value 137 (128 + 9) that the caller should see is the proof.
     */
    int killHard() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("child " + pid() + " survived SIGKILL for 30 s");
        }
        return process.exitValue();
    }

    int waitForExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("child " + pid() + " still running after " + timeout + "\n" + describe());
        }
        return process.exitValue();
    }

    /** Closes the child's stdin: children that hold something open until then let go. */
    void closeStdin() throws IOException {
        process.getOutputStream().close();
    }

    /** Every stdout line not yet taken by awaitLine, up to the end of the output; call after the child ended. */
    List<String> rest() throws InterruptedException {
        List<String> rest = new ArrayList<>();
        for (String line = lines.poll(30, TimeUnit.SECONDS); line != EOF; line = lines.poll(30, TimeUnit.SECONDS)) {
            if (line == null) {
                throw new AssertionError("child " + pid() + " stdout did not end\n" + describe());
            }
            rest.add(line);
        }
        lines.add(EOF);
        return rest;
    }

    /** The child's stderr and last stdout lines, for a failure message. */
    String describe() {
        String err;
        try {
            err = Files.readString(stderr);
        } catch (IOException e) {
            err = "(stderr unreadable: " + e + ")";
        }
        List<String> last;
        synchronized (lastLines) {
            last = List.copyOf(lastLines);
        }
        return "stdout (last lines): " + last + "\nstderr:\n" + err;
    }

    private void readStdout() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (lastLines) {
                    if (lastLines.size() == 5) {
                        lastLines.removeFirst();
                    }
                    lastLines.addLast(line);
                }
                lines.add(line);
            }
        } catch (IOException e) {
            // The pipe breaks only when the child is gone: the end of its output either way.
        } finally {
            lines.add(EOF);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            killHard();
        }
    }
}
