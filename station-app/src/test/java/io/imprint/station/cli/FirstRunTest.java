package io.imprint.station.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start command on a machine without GTK, as a newcomer meets it: GTK 3 is hidden from a child
 * process by a mount namespace (an empty file bound over the library), the demo station started in it
 * the way {@code ./imprint} starts it (JavaFX on the module path), and what it prints checked.
 * Needs root and unshare, as the CI machines have; elsewhere it is skipped.
 */
class FirstRunTest {

    static final Path GTK = Path.of("/usr/lib/x86_64-linux-gnu/libgtk-3.so.0");

    @TempDir
    Path dir;

    static boolean canHideGtk() throws Exception {
        if (!Files.exists(GTK) || !"root".equals(System.getProperty("user.name"))) {
            return false;
        }
        for (String tool : List.of("unshare", "xvfb-run")) {
            if (new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() != 0) {
                return false;
            }
        }
        Process probe = new ProcessBuilder("unshare", "-m", "--propagation", "private", "true").start();
        return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
    }

    @Test
    @EnabledIf("canHideGtk")
    void withoutGtkTheStationSaysSoInOneLineAndNoStackTrace() throws Exception {
        List<String> fx = new ArrayList<>();
        List<String> cp = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.matches("javafx-.*-linux\\.jar")) {
                fx.add(entry);
            } else if (!name.startsWith("javafx-")) {
                cp.add(entry);
            }
        }
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> station = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED,javafx.graphics",
                "--module-path", String.join(File.pathSeparator, fx), "--add-modules", "javafx.controls",
                "-cp", String.join(File.pathSeparator, cp), "io.imprint.station.cli.ImprintCommand",
                "station", "--demo", "--data-dir", dir.resolve("demo").toString(), "--bench", "1"));
        String hide = "mount --bind /dev/null " + GTK.toRealPath() + " && exec xvfb-run -a \"$@\"";
        List<String> command = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private", "sh", "-c", hide, "sh"));
        command.addAll(station);
        Process p = new ProcessBuilder(command).redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        String err = Files.readString(dir.resolve("err"), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(err).isEqualTo(1);
        assertThat(err).isEqualTo("error: " + ScreenFailures.NO_GTK + "\n");
    }

    @Test
    void explainsTheMachinesGapsAndNothingElse() {
        RuntimeException gtk = new RuntimeException("Application launch failed", new UnsupportedOperationException("Unable to load glass GTK library."));
        assertThat(ScreenFailures.explain(gtk)).contains(ScreenFailures.NO_GTK);
        assertThat(ScreenFailures.explain(new UnsupportedOperationException("Unable to open DISPLAY"))).hasValueSatisfying(
                m -> assertThat(m).contains("cannot reach the display", "xvfb-run -a"));
        assertThat(ScreenFailures.explain(new IllegalStateException("the batch log is damaged"))).isEmpty();
        assertThat(Arrays.asList(ScreenFailures.NO_GTK, ScreenFailures.NO_SOFTHSM)).allSatisfy(m -> assertThat(m).contains("sudo apt-get install"));
    }
}
