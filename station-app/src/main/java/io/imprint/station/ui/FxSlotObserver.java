package io.imprint.station.ui;

import io.imprint.station.engine.SlotObserver;
import io.imprint.station.engine.SlotView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The thin adapter between the slots' threads and the FX thread. Each slot's latest view replaces the
 * one before it (a tile only ever shows the newest), finished boards are queued so none is lost, and
 * at most one hand-over is pending on the FX queue at a time: eight busy slots cannot flood it.
 *
 * <p>Thread-safe: {@link #changed} and {@link #finished} from any thread; the sinks run on the FX
 * executor only.
 */
public final class FxSlotObserver implements SlotObserver {

    private final Map<String, SlotView> latest = new ConcurrentHashMap<>();
    private final Queue<SlotView> finished = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Executor fx;
    private final Consumer<SlotView> onView;
    private final Consumer<List<SlotView>> onFinished;

    /**
     * @param fx         the FX thread ({@code Platform::runLater}; tests pass their own)
     * @param onView     a slot's newest view, on the FX thread
     * @param onFinished boards that passed or failed since the last hand-over, in order, on the FX thread
     */
    public FxSlotObserver(Executor fx, Consumer<SlotView> onView, Consumer<List<SlotView>> onFinished) {
        this.fx = fx;
        this.onView = onView;
        this.onFinished = onFinished;
    }

    @Override
    public void changed(SlotView view) {
        latest.put(view.slot(), view);
        schedule();
    }

    /** The slot runner's end-of-board callback. */
    public void finished(SlotView view) {
        finished.add(view);
        latest.put(view.slot(), view);
        schedule();
    }

    private void schedule() {
        if (pending.compareAndSet(false, true)) {
            fx.execute(this::drain);
        }
    }

    private void drain() {
        // Cleared first: a view arriving during the drain schedules the next one rather than being missed.
        pending.set(false);
        for (String slot : List.copyOf(latest.keySet())) {
            SlotView v = latest.remove(slot);
            if (v != null) {
                onView.accept(v);
            }
        }
        List<SlotView> done = new ArrayList<>();
        for (SlotView v; (v = finished.poll()) != null; ) {
            done.add(v);
        }
        if (!done.isEmpty()) {
            onFinished.accept(done);
        }
    }
}
