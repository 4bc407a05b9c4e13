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

    /**
     * Only the start-up wiring names a concrete way of reaching boards; the rest of station-app gets a
     * BoardPorts (issue 14). Also catches fully qualified uses, not only imports.
     */
    @Test
    void onlyTheWiringNamesAConcreteTransportSerialLibraryOrUsb() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !SOURCES.relativize(f).startsWith("wiring"))
                    .filter(LayeringTest::namesConcreteTransport)
                    .map(Path::toString)
                    .toList();
        }
        assertThat(offenders).isEmpty();
        try (Stream<Path> files = Files.walk(SOURCES.resolve("wiring"))) {
            assertThat(files.filter(LayeringTest::namesConcreteTransport)).as("the check finds the wiring's own").isNotEmpty();
        }
    }

    /**
     * The workflow knows boards only through the family interface: a family's driver (nRF91's AT commands,
     * SMP's frames) is named by the wiring that opens it and by the slot settings that hold its options.
     */
    @Test
    void onlyTheSlotSettingsNameAFamilysDriver() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.endsWith(Path.of("run", "SlotFamilies.java")))
                    .filter(f -> lines(f).anyMatch(l -> l.contains("io.imprint.device.nrf91.") || l.contains("io.imprint.device.smp.")))
                    .map(Path::toString)
                    .toList();
        }
        assertThat(offenders).isEmpty();
        assertThat(lines(SOURCES.resolve("run/SlotFamilies.java")).anyMatch(l -> l.contains("io.imprint.device.nrf91."))).as("the check finds the settings' own").isTrue();
    }

    /** One root for the station's checked exceptions (AwsErrors.Refused stays inside its class, never thrown out). */
    @Test
    void everyCheckedExceptionOfTheStationHasOneRoot() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.endsWith("StationException.java") && !f.endsWith(Path.of("sync", "aws", "AwsErrors.java")))
                    .filter(f -> lines(f).anyMatch(l -> l.matches(".*class \\w+ extends (Exception|IOException|java\\.lang\\.Exception)\\b.*")))
                    .map(Path::toString)
                    .toList();
        }
        assertThat(offenders).isEmpty();
        assertThat(lines(SOURCES.resolve("store/StoreException.java")).anyMatch(l -> l.contains("extends StationException"))).isTrue();
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.strip().startsWith("*") && !l.strip().startsWith("//"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final List<String> CONCRETE = List.of("io.imprint.device.serial.", "io.imprint.device.usb.", "io.imprint.device.pty.",
            "io.imprint.device.port.HostPorts", "org.usb4java.", "com.fazecast.", "JSerialCommPort", "UsbBulkTransport", "FdTransport");

    private static boolean namesConcreteTransport(Path file) {
        try {
            return Files.isRegularFile(file) && Files.readAllLines(file).stream()
                    .filter(l -> !l.strip().startsWith("*") && !l.strip().startsWith("//"))
                    .anyMatch(l -> CONCRETE.stream().anyMatch(l::contains));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
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
