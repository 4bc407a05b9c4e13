package io.imprint.station;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The engine, the store and the other headless packages never touch the UI toolkit: the UI observes them. */
class LayeringTest {

    private static final Path SOURCES = Path.of("src/main/java/io/imprint/station");

    @Test
    void onlyTheUiPackageImportsJavaFxControlsFxOrAtlantaFx() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !SOURCES.relativize(f).startsWith("ui"))
                    .filter(LayeringTest::importsUiToolkit)
                    .map(Path::toString)
                    .toList();
        }
        assertThat(offenders).isEmpty();
        try (Stream<Path> files = Files.walk(SOURCES.resolve("ui"))) {
            assertThat(files.filter(LayeringTest::importsUiToolkit)).as("the check finds the UI's own imports").isNotEmpty();
        }
    }

    private static boolean importsUiToolkit(Path file) {
        try {
            return Files.isRegularFile(file) && Files.readAllLines(file).stream()
                    .anyMatch(l -> l.startsWith("import javafx.") || l.startsWith("import org.controlsfx.") || l.startsWith("import atlantafx."));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
