package io.imprint.device.usb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.imprint.device.transport.PortIdentity;
import io.imprint.device.transport.TransportException;
import io.imprint.device.transport.TransportException.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.slf4j.LoggerFactory;

/**
 * The bus on this host. Most build machines and CI runners have no USB at all; the tests that rely on
 * that run only where it is true.
 */
final class UsbBusTest {

    private static final UsbFilter A_BOARD = UsbFilter.of(UsbId.parse("0483:5740"));

    /** A Linux host whose kernel shows no USB, as containers and controller-less VMs are. */
    static boolean noUsbOnThisHost() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
                && Stream.of("/sys/bus/usb", "/dev/bus/usb", "/proc/bus/usb").map(Path::of).noneMatch(Files::exists);
    }

    @Test
    void openNeverThrowsAndCloseIsSafeTwice() {
        UsbBus bus = UsbBus.open();
        assertThat(bus.available()).isEqualTo(bus.unavailableReason().isEmpty());
        bus.close();
        bus.close();
        assertThat(bus.available()).isFalse();
        assertThat(bus.devices(A_BOARD)).isEmpty();
        assertThat(bus.watch(A_BOARD, new Ignore())).isEmpty();
    }

    @Test
    void anEmptyAllowlistListsNothingOnAnyHost() {
        try (UsbBus bus = UsbBus.open()) {
            assertThat(bus.devices(UsbFilter.none())).isEmpty();
        }
    }

    @Test
    @EnabledIf("noUsbOnThisHost")
    void withoutUsbTheBusIsUnavailableEmptyAndSaysWhyOnce() {
        Logger logger = (Logger) LoggerFactory.getLogger(UsbBus.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        logger.setLevel(Level.INFO);
        try (UsbBus bus = UsbBus.open()) {
            assertThat(bus.available()).isFalse();
            assertThat(bus.unavailableReason()).hasValueSatisfying(r -> assertThat(r).contains("/sys/bus/usb"));
            assertThat(bus.devices(A_BOARD)).isEmpty();
            assertThat(bus.hotplugSupported()).isFalse();
            assertThat(bus.watch(A_BOARD, new Ignore())).isEmpty();
            assertThat(lines.list).singleElement().satisfies(line -> {
                assertThat(line.getLevel()).isEqualTo(Level.INFO);
                assertThat(line.getFormattedMessage()).startsWith("USB unavailable: ").contains("/sys/bus/usb");
            });
        } finally {
            logger.detachAppender(lines);
            logger.setLevel(null);
        }
    }

    @Test
    @EnabledIf("noUsbOnThisHost")
    void withoutUsbATransportFailsToOpenNamingTheDevice() {
        PortIdentity board = new PortIdentity("usb:1-2.4", Optional.of(0x0483), Optional.of(0x5740),
                Optional.empty(), Optional.of("1-2.4"));
        try (UsbBus bus = UsbBus.open(); UsbBulkTransport t = bus.transport(board, UsbInterfaceSpec.vendorClass())) {
            assertThatThrownBy(t::open).isInstanceOfSatisfying(TransportException.class, e -> {
                assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
                assertThat(e.getMessage()).contains("usb:1-2.4", "0483:5740 at 1-2.4", "USB unavailable");
            });
            assertThat(t.isOpen()).isFalse();
        }
    }

    private static final class Ignore implements UsbHotplugListener {
        @Override
        public void attached(PortIdentity device) {
        }

        @Override
        public void detached(PortIdentity device) {
        }
    }
}
