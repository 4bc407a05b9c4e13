package io.imprint.ca.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a real command (openssl, pkcs11-tool) and returns its exit code and output. */
public final class Shell {

    public record Result(int exitCode, String output) {
    }

    private Shell() {
    }

    public static Result run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(command)).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command[0] + " timed out");
        }
        return new Result(p.exitValue(), out);
    }

    public static Result run(String... command) throws Exception {
        return run(Map.of(), command);
    }
}
