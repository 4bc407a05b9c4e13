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
 * <p>A JVM start was most of a station start (CrashTest starts 16): children start from an AOT cache
 * (JEP 483) once one child has recorded it ({@link #startRecording}). The cache cannot hold classes
 * from directories, so the classpath's directories are given to children as jars; both live in
 * {@code target/child-station}, named by what they were made from, and the JVM itself refuses a cache
 * that no longer matches its classpath.
 *
 * <p>Not thread-safe: driven by the test thread; only the stdout reader runs on a thread of its own.
 */
public final class ChildStation {

    /** Exit status the JVM reports for a child that died of SIGKILL (128 + 9). */
    public static final int KILLED = 137;
    private static final String EOF = "\u0000eof";

    private static final Path CACHE_DIR = Path.of("target", "child-station");
    /** The station calls libc and SoftHSM through FFM; serial GC keeps a small JVM on a small runner. */
    private static final List<String> JVM_OPTIONS = List.of("--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            // The JVM's own warnings (an AOT cache that no longer fits, say) go to the log, not among the station's lines.
            "-Xlog:disable", "-Xlog:all=warning:stderr");
    private static String classpath;

    private final Process process;
    /** Where a recording child writes its AOT cache; moved into place once it exited. Null if not recording. */
    private final Path recording;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private volatile long heardNanos = System.nanoTime();
    private boolean ended;

    private ChildStation(Process process, Path recording) {
        this.process = process;
        this.recording = recording;
        Thread.ofPlatform().daemon().name("child-stdout-" + process.pid()).start(this::pump);
    }

    /** Starts {@code imprint args…} with {@code env} added to this process's environment. */
    public static ChildStation start(List<String> args, Map<String, String> env, Path stderrLog) throws IOException {
        Path cache = aotCache();
        return start(Files.exists(cache) ? List.of("-XX:AOTCache=" + cache) : List.of(), null, args, env, stderrLog);
    }

    /**
     * As {@link #start}, and if there is no AOT cache yet, this child records one for the later ones. It is
     * written as the child exits, so end this one with {@link #terminate} (a killed child writes nothing);
     * recording adds a few seconds to that exit.
     */
    public static ChildStation startRecording(List<String> args, Map<String, String> env, Path stderrLog) throws IOException {
        Path cache = aotCache();
        if (Files.exists(cache)) {
            return start(List.of("-XX:AOTCache=" + cache), null, args, env, stderrLog);
        }
        Path partial = cache.resolveSibling(cache.getFileName() + "." + ProcessHandle.current().pid() + ".part");
        return start(List.of("-XX:AOTCacheOutput=" + partial), partial, args, env, stderrLog);
    }

    private static ChildStation start(List<String> aot, Path recording, List<String> args, Map<String, String> env, Path stderrLog) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(JVM_OPTIONS);
        command.addAll(aot);
        command.addAll(List.of("-cp", classpath(), "io.imprint.station.cli.ImprintCommand"));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(stderrLog.toFile()));
        pb.environment().putAll(env);
        return new ChildStation(pb.start(), recording);
    }

    /** This test's classpath with each directory replaced by a jar of it, made once per content. */
    private static synchronized String classpath() throws IOException {
        if (classpath == null) {
            Files.createDirectories(CACHE_DIR);
            List<String> entries = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                Path path = Path.of(entry);
                entries.add(Files.isDirectory(path) ? jarOf(path).toString() : entry);
            }
            classpath = String.join(java.io.File.pathSeparator, entries);
        }
        return classpath;
    }

    private static Path jarOf(Path dir) throws IOException {
        List<Path> files;
        try (var walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        StringBuilder made = new StringBuilder(dir.toAbsolutePath().toString());
        for (Path f : files) {
            made.append('\n').append(dir.relativize(f)).append(' ').append(Files.size(f)).append(' ').append(Files.getLastModifiedTime(f).toMillis());
        }
        // A module's two output directories are both called classes or test-classes: the hash tells them apart.
        Path jar = CACHE_DIR.resolve(dir.getFileName() + "-" + sha256(made.toString()) + ".jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            Path partial = jar.resolveSibling(jar.getFileName() + "." + ProcessHandle.current().pid() + ".part");
            try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(partial))) {
                out.setLevel(java.util.zip.Deflater.BEST_SPEED);
                for (Path f : files) {
                    out.putNextEntry(new java.util.jar.JarEntry(dir.relativize(f).toString().replace(java.io.File.separatorChar, '/')));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
            Files.move(partial, jar, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return jar;
    }

    /** The AOT cache for this classpath, JDK and set of JVM options. */
    private static Path aotCache() throws IOException {
        String cp = classpath();
        return CACHE_DIR.resolve("station-" + sha256(cp + Runtime.version() + JVM_OPTIONS) + ".aot").toAbsolutePath();
    }

    private static String sha256(String text) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Moves a recorded AOT cache into place once its child has exited (and wrote it). */
    private void recorded() throws IOException {
        if (recording != null && !process.isAlive() && Files.exists(recording)) {
            Files.move(recording, aotCache(), java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
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
        try {
            recorded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
