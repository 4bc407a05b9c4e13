package io.imprint.station.label;

import io.imprint.station.engine.SlotObserver;
import io.imprint.station.engine.SlotView;
import io.imprint.station.engine.Step;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints a label for every board that passes, off the slots' threads: a slot only puts the board on a
 * bounded queue and goes on; one background thread reads the batch's settings and the board's
 * certificate from the batch log, renders and prints. A printer that is off, slow or missing, or a full
 * queue, becomes a {@link LabelNotice} to the listener and a warning in the log, never a failed board.
 *
 * <p>Thread-safe: {@link #observing} observers and {@link #submit} from any thread. The listener is
 * called on the label thread (or, for a full queue, on the slot's thread) and must return at once.
 */
public final class LabelService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LabelService.class);
    public static final int DEFAULT_CAPACITY = 256;

    /** A passed board waiting for its label. */
    public record Job(String batchId, String deviceId, Optional<String> serial) {
    }

    /** Prints one queued label: {@link LabelPrinting#printPassed} on a station. */
    @FunctionalInterface
    public interface JobPrinter {
        LabelPrinting.Outcome print(Job job) throws StoreException, LabelException;
    }

    private final JobPrinter printing;
    private final Consumer<LabelNotice> listener;
    private final BlockingQueue<Job> queue;
    private final int capacity;
    private final Thread worker;
    private volatile boolean closing;

    public LabelService(StationDatabase db, Consumer<LabelNotice> listener) {
        this(new LabelPrinting(db), listener, DEFAULT_CAPACITY);
    }

    public LabelService(LabelPrinting printing, Consumer<LabelNotice> listener, int capacity) {
        this(job -> printing.printPassed(job.batchId(), job.deviceId(), job.serial()), listener, capacity);
    }

    public LabelService(JobPrinter printing, Consumer<LabelNotice> listener, int capacity) {
        this.printing = printing;
        this.listener = listener;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.capacity = capacity;
        this.worker = Thread.ofPlatform().name("labels").daemon().start(this::work);
    }

    /** {@code slots} as it was, and a label queued for each board of {@code batchId} that passes. */
    public SlotObserver observing(String batchId, SlotObserver slots) {
        return view -> {
            try {
                slots.changed(view);
            } finally {
                if (view.step() == Step.PASSED && view.deviceId().isPresent()) {
                    submit(new Job(batchId, view.deviceId().get(), view.serial()));
                }
            }
        };
    }

    /**
     * Queues a label; false, with a notice, when the queue is full or the service closed. Never blocks. The
     * notice names the capacity, which the queue held when the offer failed: its size a moment later races
     * with the printer thread taking the next label.
     */
    public boolean submit(Job job) {
        if (!closing && queue.offer(job)) {
            return true;
        }
        notice(job, (closing ? "Labels stopped with the station" : "Label queue is full (" + capacity + " labels waiting for the printer)")
                + ": label for " + job.deviceId() + " not printed — check the printer; " + reprint(job));
        return false;
    }

    private void work() {
        while (!closing || !queue.isEmpty()) {
            Job job;
            try {
                job = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (job != null) {
                print(job);
            }
        }
    }

    private void print(Job job) {
        try {
            if (printing.print(job) instanceof LabelPrinting.Outcome.Printed p) {
                LOG.info("label for {} of batch {} sent to {}", job.deviceId(), job.batchId(), p.printer().target());
            }
        } catch (LabelException e) {
            String advice = e.advice().orElse(e.refused() ? "check the batch's label template" : "check the printer");
            notice(job, e.getMessage() + ": label for " + job.deviceId() + " not printed — " + advice + "; " + reprint(job));
        } catch (StoreException | RuntimeException e) {
            notice(job, "Label for " + job.deviceId() + " not printed: " + e.getMessage() + "; " + reprint(job));
        }
    }

    private static String reprint(Job job) {
        return "reprint with imprint label print --batch " + job.batchId() + " --device " + job.deviceId();
    }

    private void notice(Job job, String text) {
        LOG.warn("{}", text);
        try {
            listener.accept(new LabelNotice(job.batchId(), job.deviceId(), text));
        } catch (RuntimeException e) {
            LOG.warn("the label notice listener failed: {}", e.toString());
        }
    }

    /** Labels still waiting. */
    public int pending() {
        return queue.size();
    }

    /**
     * Takes no more labels and prints those queued, for at most {@code grace}; labels still waiting after
     * that are given up with a warning.
     */
    public void close(Duration grace) {
        closing = true;
        try {
            worker.join(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            worker.interrupt();
            LOG.warn("{} label(s) not printed: the station closed while the printer was slow", queue.size());
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
