package io.imprint.station.ui;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Real JavaFX under Xvfb for the screen tests: starts an Xvfb of the test JVM's own when there is no
 * DISPLAY (each station-app test class has its own JVM), software rendering, the glass robot. Also
 * runs code on the FX thread, waits for conditions and writes screenshots.
 */
public final class FxTesting {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** The most steps a mouse move to a click takes (TestFX's default is 200, with a millisecond's pause after each). */
    static final int MOVE_STEPS = 10;
    private static Process xvfb;

    static {
        // Read once, when TestFX's move robot is first made: before any FxRobot exists (see robot()).
        System.setProperty("testfx.robot.move_max_count", Integer.toString(MOVE_STEPS));
    }

    private FxTesting() {
    }

    /**
     * Starts the toolkit on an Xvfb of this JVM's own, once per JVM. Its own even under a desktop or
     * xvfb-run: test classes run two at a time, and two robots on one display click into each other's windows.
     */
    public static synchronized void start() throws Exception {
        if (xvfb == null) {
            // A watchdog shell stops the server once this JVM is gone. Stopping it from a shutdown hook
            // instead lets GTK see its display vanish first, and GTK then exits the JVM with status 1.
            String script = "Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp 3>&1 >/dev/null 2>&1 & x=$!; "
                    + "while kill -0 \"$1\" 2>/dev/null; do sleep 1; done; kill $x";
            xvfb = new ProcessBuilder("sh", "-c", script, "xvfb-watchdog", Long.toString(ProcessHandle.current().pid()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String display = new BufferedReader(new InputStreamReader(xvfb.getInputStream())).readLine();
            if (display == null) {
                throw new IllegalStateException("Xvfb did not start (is the xvfb package installed? ./run-tests installs it)");
            }
            // GTK reads DISPLAY from the C environment, which System.getenv cannot change.
            io.imprint.ca.softhsm.NativeEnv.set("DISPLAY", ":" + display.strip());
        }
        System.setProperty("prism.order", "sw");
        System.setProperty("testfx.robot", "glass");
        System.setProperty("testfx.headless", "false");
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupApplication(() -> new javafx.application.Application() {
            @Override
            public void start(javafx.stage.Stage stage) {
                javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            }
        });
    }

    /**
     * The screen tests' robot. It types as TestFX's own does — each character the same key events fired
     * in the focused window's scene, in order — but waits for the FX thread once per
     * string rather than after each character (TestFX waits there about 80 ms a character, a large part
     * of the screen tests' time), and moves the mouse to a click in at most {@link #MOVE_STEPS} steps.
     */
    public static FxRobot robot() {
        return new FxRobot() {
            @Override
            public FxRobot write(String text) {
                Window target = window(Window::isFocused);
                if (target == null) {
                    target = targetWindow() != null ? targetWindow() : window(0);
                }
                Scene scene = target.getScene();
                for (char c : text.toCharArray()) {
                    KeyCode code = c == '\n' ? KeyCode.ENTER : c == '\t' ? KeyCode.TAB : KeyCode.UNDEFINED;
                    robotContext().getBaseRobot().typeKeyboard(scene, code, Character.toString(c));
                }
                WaitForAsyncUtils.waitForFxEvents();
                return this;
            }
        };
    }

    /** Runs {@code work} on the FX thread and returns its result. */
    public static <T> T fx(Callable<T> work) {
        try {
            return WaitForAsyncUtils.asyncFx(work).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until {@code condition} (evaluated on the FX thread) holds; fails after {@code timeout}. */
    public static void waitUntil(Duration timeout, String what, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS, () -> fx(condition::getAsBoolean));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out after " + timeout + " waiting for " + what);
        }
    }

    /** Some showing window's label (a notification's, a dialog's) containing {@code text}. FX thread. */
    public static boolean anyWindowShows(String text) {
        for (Window w : Window.getWindows()) {
            if (w.isShowing() && w.getScene() != null) {
                for (Node n : w.getScene().getRoot().lookupAll(".label")) {
                    if (n instanceof Labeled l && l.getText() != null && l.getText().contains(text)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Writes the scene as {@code target/screenshots/<name>.png}; returns the file. */
    public static Path screenshot(Scene scene, String name) throws IOException {
        Path file = SCREENSHOTS.resolve(name + ".png");
        fx(() -> {
            // The layout and CSS of the last change are applied first.
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            Png.write(scene, file);
            return file;
        });
        return file;
    }

    /** A station window at 1280×800 on {@code launch}'s data dir, shown at its login screen. */
    public static StationWindow openWindow(StationLaunch launch, Duration wait) throws Exception {
        start();
        java.util.concurrent.atomic.AtomicReference<StationWindow> window = new java.util.concurrent.atomic.AtomicReference<>();
        org.testfx.api.FxToolkit.registerPrimaryStage();
        org.testfx.api.FxToolkit.setupStage(st -> {
            window.set(new StationWindow(new Session(launch), 1280, 800));
            st.setScene(window.get().scene());
            st.show();
            window.get().start();
        });
        waitUntil(wait, "the login screen", () -> window.get().scene().lookup("#login-screen") != null);
        return window.get();
    }

    /** Unlocks the HSM at the login screen as {@code user}, and waits for the batch screen. */
    public static void unlock(org.testfx.api.FxRobot robot, StationWindow window, String user, String password, String pin, Duration wait) {
        robot.clickOn("#login-user").write(user);
        robot.clickOn("#login-password").write(password);
        robot.clickOn("#login-pin").write(pin).type(javafx.scene.input.KeyCode.ENTER);
        waitUntil(wait, "the batch screen", () -> window.scene().lookup("#batch-screen") != null);
    }

    public static void pause(Duration d) {
        WaitForAsyncUtils.sleep(d.toMillis(), TimeUnit.MILLISECONDS);
    }
}
