package io.imprint.ca.softhsm;

import io.imprint.ca.key.KeyManagerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A SoftHSM2 token directory of Imprint's own, for the demo, the benchmark and the tests: writes a
 * {@code softhsm2.conf}, points this process at it and initialises tokens with {@code softhsm2-util}.
 *
 * <p>SoftHSM reads {@code SOFTHSM2_CONF} when the module is first initialised, so {@link #use} must run
 * before any PKCS#11 use in the process, and a process serves one token directory. Java cannot change
 * its own environment, so the variable is set with libc's {@code setenv} through the FFM API.
 *
 * <p>Token PINs are passed to {@code softhsm2-util} on its command line: acceptable for demo and test
 * tokens, which is all this class is for. Production HSMs are initialised by their own tools.
 * Stateless and thread-safe apart from the process environment it changes.
 */
public final class SoftHsm {

    public static final Path MODULE = Path.of("/usr/lib/softhsm/libsofthsm2.so");

    private SoftHsm() {
    }

    /** Whether the SoftHSM2 module and its tool are installed. */
    public static boolean installed() {
        return Files.isReadable(MODULE) && onPath("softhsm2-util");
    }

    /** Creates {@code dir/softhsm2.conf} and {@code dir/tokens} if missing, and sets SOFTHSM2_CONF for this process. */
    public static Path use(Path dir) throws KeyManagerException {
        try {
            Path tokens = Files.createDirectories(dir.resolve("tokens"));
            Path conf = dir.resolve("softhsm2.conf");
            if (!Files.exists(conf)) {
                Files.writeString(conf, "directories.tokendir = " + tokens.toAbsolutePath() + "\nobjectstore.backend = file\nlog.level = ERROR\n");
            }
            NativeEnv.set("SOFTHSM2_CONF", conf.toAbsolutePath().toString());
            return conf;
        } catch (IOException e) {
            throw new KeyManagerException("cannot prepare SoftHSM directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Initialises a new token labelled {@code label} in the directory {@code conf} belongs to. */
    public static void initToken(Path conf, String label, String userPin, String soPin) throws KeyManagerException {
        run(conf, List.of("softhsm2-util", "--init-token", "--free", "--label", label, "--pin", userPin, "--so-pin", soPin));
    }

    /** Labels of the initialised tokens in the directory {@code conf} belongs to. */
    public static List<String> tokenLabels(Path conf) throws KeyManagerException {
        List<String> labels = new ArrayList<>();
        for (String line : run(conf, List.of("softhsm2-util", "--show-slots")).split("\n")) {
            String t = line.strip();
            if (t.startsWith("Label:") && !t.substring(6).isBlank()) {
                labels.add(t.substring(6).strip());
            }
        }
        return labels;
    }

    private static String run(Path conf, List<String> command) throws KeyManagerException {
        if (!installed()) {
            throw new KeyManagerException("SoftHSM2 is not installed: sudo apt-get install softhsm2 opensc");
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("SOFTHSM2_CONF", conf.toAbsolutePath().toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                // The output can echo arguments; report the command name only.
                throw new KeyManagerException(command.get(0) + " " + command.get(1) + " failed: " + out.lines().filter(l -> !l.contains("pin")).findFirst().orElse("exit " + p.exitValue()));
            }
            return out;
        } catch (IOException e) {
            throw new KeyManagerException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeyManagerException("interrupted while running " + command.get(0), e);
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
