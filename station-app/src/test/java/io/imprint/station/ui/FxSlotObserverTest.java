package io.imprint.station.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.station.engine.SlotView;
import io.imprint.station.engine.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Eight busy slots cannot flood the FX queue: at most one hand-over is pending, the newest view wins, no finished board is lost. */
class FxSlotObserverTest {

    @Test
    void busySlotsAreCoalescedIntoFewHandOversAndTheNewestViewWins() throws Exception {
        ConcurrentLinkedQueue<Runnable> fxQueue = new ConcurrentLinkedQueue<>();
        Map<String, SlotView> shown = new HashMap<>();
        List<SlotView> finished = new ArrayList<>();
        FxSlotObserver observer = new FxSlotObserver(fxQueue::add, v -> shown.put(v.slot(), v), finished::addAll);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> slots = new ArrayList<>();
        AtomicInteger maxQueued = new AtomicInteger();
        for (int s = 1; s <= 8; s++) {
            String slot = "slot-" + s;
            slots.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int board = 0; board < 100; board++) {
                    for (Step step : List.of(Step.DETECTED, Step.IDENTIFIED, Step.CHECKED, Step.KEY_CSR, Step.SIGNED)) {
                        observer.changed(view(slot, step, board));
                        maxQueued.accumulateAndGet(fxQueue.size(), Math::max);
                    }
                    observer.finished(view(slot, Step.PASSED, board));
                }
            }));
        }
        go.countDown();
        for (Thread t : slots) {
            t.join();
        }
        int handOvers = 0;
        for (Runnable r; (r = fxQueue.poll()) != null; ) {
            r.run();
            handOvers++;
        }
        assertThat(maxQueued.get()).isLessThanOrEqualTo(1);
        assertThat(fxQueue).isEmpty();
        assertThat(shown).hasSize(8).allSatisfy((slot, v) -> {
            assertThat(v.step()).isEqualTo(Step.PASSED);
            assertThat(v.deviceId()).contains("B99");
        });
        assertThat(finished).hasSize(800);
        assertThat(handOvers).isLessThanOrEqualTo(4800);
    }

    @Test
    void aViewArrivingWhileTheFxThreadDrainsIsHandedOverNextTime() {
        List<Runnable> fxQueue = new ArrayList<>();
        List<SlotView> shown = new ArrayList<>();
        FxSlotObserver[] observer = new FxSlotObserver[1];
        observer[0] = new FxSlotObserver(fxQueue::add, v -> {
            shown.add(v);
            if (v.step() == Step.DETECTED) {
                observer[0].changed(view("slot-1", Step.IDENTIFIED, 0));
            }
        }, done -> { });
        observer[0].changed(view("slot-1", Step.DETECTED, 0));
        fxQueue.removeFirst().run();
        assertThat(fxQueue).hasSize(1);
        fxQueue.removeFirst().run();
        assertThat(shown).extracting(SlotView::step).containsExactly(Step.DETECTED, Step.IDENTIFIED);
    }

    static SlotView view(String slot, Step step, int board) {
        return new SlotView(slot, "/dev/pts/1", step, Optional.of("B" + board), Optional.empty(), Optional.empty(), Instant.now());
    }
}
