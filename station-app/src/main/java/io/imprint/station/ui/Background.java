package io.imprint.station.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the screens' slow work runs: HSM logins, password checks, batch-log transactions. The FX
 * thread hands work here and gets the result back through {@code Platform.runLater}, so it never
 * waits on a disk, a token or PBKDF2.
 *
 * <p>Thread-safe.
 */
public final class Background implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Background.class);

    private final ExecutorService executor = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("station-bg-", 1).daemon().factory());

    /** Runs {@code work} off the FX thread; {@code done} or {@code failed} then runs on it. */
    public <T> void run(Callable<T> work, Consumer<T> done, Consumer<Exception> failed) {
        if (executor.isShutdown()) {
            // The window is closing: late refreshes have nowhere to show.
            return;
        }
        executor.execute(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> done.accept(result));
            } catch (RuntimeException e) {
                // A bug rather than a refusal: logged with its stack, shown like any failure.
                LOG.error("background work failed", e);
                Platform.runLater(() -> failed.accept(e));
            } catch (Exception e) {
                LOG.debug("background work failed", e);
                Platform.runLater(() -> failed.accept(e));
            } catch (Error e) {
                LOG.error("background work failed", e);
                Platform.runLater(() -> failed.accept(new IllegalStateException(e.toString(), e)));
            }
        });
    }

    /** Work whose failure the operator must see but that needs no special handling. */
    public <T> void run(Callable<T> work, Consumer<T> done) {
        run(work, done, ErrorDialogs::show);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
