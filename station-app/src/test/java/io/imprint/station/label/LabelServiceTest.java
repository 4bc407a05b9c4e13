package io.imprint.station.label;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.station.engine.SlotObserver;
import io.imprint.station.engine.SlotView;
import io.imprint.station.engine.Step;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The label queue's logic with a printer the test holds up: slots never wait, a full queue is a notice. */
class LabelServiceTest {

    static SlotView view(Step step, String device) {
        return new SlotView("slot-1", "/dev/pts/9", step, Optional.ofNullable(device), Optional.of("0a"), Optional.empty(), Instant.now());
    }

    @Test
    void onlyPassedBoardsAreQueuedAndTheSlotsObserverSeesEveryView() throws Exception {
        List<String> printed = new CopyOnWriteArrayList<>();
        List<Step> seen = new CopyOnWriteArrayList<>();
        try (LabelService service = new LabelService(job -> {
            printed.add(job.batchId() + "/" + job.deviceId() + "/" + job.serial().orElseThrow());
            return new LabelPrinting.Outcome.NotWanted();
        }, n -> { }, 8)) {
            SlotObserver observer = service.observing("WO-1", v -> seen.add(v.step()));
            observer.changed(view(Step.IDENTIFIED, "D-1"));
            observer.changed(view(Step.FAILED, "D-2"));
            observer.changed(view(Step.PASSED, null));
            observer.changed(view(Step.PASSED, "D-3"));
        }
        assertThat(seen).containsExactly(Step.IDENTIFIED, Step.FAILED, Step.PASSED, Step.PASSED);
        assertThat(printed).containsExactly("WO-1/D-3/0a");
    }

    @Test
    @Timeout(30) // The printer is held until the end: a slot that waited for it would hang here.
    void aPrinterThatHangsNeverHoldsUpASlotAndAFullQueueIsANotice() throws Exception {
        CountDownLatch printerBack = new CountDownLatch(1);
        List<LabelNotice> notices = new CopyOnWriteArrayList<>();
        LabelService service = new LabelService(job -> {
            try {
                printerBack.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new LabelPrinting.Outcome.NotWanted();
        }, notices::add, 2);
        try {
            SlotObserver observer = service.observing("WO-1", SlotObserver.NONE);
            for (int i = 1; i <= 6; i++) {
                observer.changed(view(Step.PASSED, "D-" + i));
            }
            // At most one label at the printer and two waiting: the rest are told about, none silently lost.
            assertThat(notices).hasSizeBetween(3, 4).allSatisfy(n -> assertThat(n.text()).startsWith("Label queue is full (2 labels waiting for the printer): label for "
                    + n.deviceId() + " not printed — check the printer; reprint with imprint label print --batch WO-1 --device " + n.deviceId()));
        } finally {
            printerBack.countDown();
            service.close();
        }
        assertThat(service.pending()).isZero();
    }

    @Test
    void aRefusedTemplateIsANoticeThatSaysToCheckTheTemplate() throws Exception {
        List<LabelNotice> notices = new CopyOnWriteArrayList<>();
        try (LabelService service = new LabelService(job -> {
            throw LabelException.refused("the QR text for " + job.deviceId() + " is 400 bytes; at most 300 fit a label");
        }, notices::add, 4)) {
            service.submit(new LabelService.Job("WO-1", "D-1", Optional.of("0a")));
        }
        assertThat(notices).singleElement().extracting(LabelNotice::text).isEqualTo("the QR text for D-1 is 400 bytes; at most 300 fit a label: label for D-1"
                + " not printed — check the batch's label template; reprint with imprint label print --batch WO-1 --device D-1");
    }
}
