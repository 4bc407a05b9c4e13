package io.imprint.station.demo;

import io.imprint.device.protocol.BoardState;
import io.imprint.device.sim.BoardFarm;
import io.imprint.device.sim.FaultMode;
import io.imprint.device.transport.TransportException;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's hands on the fixture: a board that passed is taken out a moment later and a fresh one
 * plugged in, so the line keeps moving; now and then the fresh board is faulty, and a failed board is
 * swapped after a few seconds, so the newcomer sees FAIL and its reason too.
 *
 * <p>Runs on its own daemon thread; {@link #close()} from any thread.
 */
public final class DemoBoards implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoBoards.class);
    static final long SHOW_PASS_MS = 2500;
    static final long SHOW_FAIL_MS = 6000;
    static final FaultMode FAULT = FaultMode.WRONG_SUBJECT_CSR;

    private final BoardFarm farm;
    private final long[] pluggedAt;
    private final long[] lockedAt;
    private final boolean[] faulty;
    private final Random random = new Random();
    private final Thread thread;
    private volatile boolean running = true;

    /** Starts swapping boards; socket {@code faultySocket} (0-based, or -1) starts with a faulty board. */
    public DemoBoards(BoardFarm farm, int faultySocket) {
        this.farm = farm;
        int n = farm.size();
        pluggedAt = new long[n];
        lockedAt = new long[n];
        faulty = new boolean[n];
        long now = System.currentTimeMillis();
        for (int i = 0; i < n; i++) {
            pluggedAt[i] = now;
        }
        if (faultySocket >= 0 && faultySocket < n) {
            farm.board(faultySocket).fault(FAULT);
            faulty[faultySocket] = true;
        }
        thread = Thread.ofPlatform().name("demo-boards").daemon().start(this::run);
    }

    private void run() {
        while (running) {
            long now = System.currentTimeMillis();
            for (int i = 0; i < pluggedAt.length && running; i++) {
                try {
                    step(i, now);
                } catch (TransportException | RuntimeException e) {
                    LOG.warn("demo board {}: {}", i + 1, e.toString());
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void step(int i, long now) throws TransportException {
        if (faulty[i]) {
            if (now - pluggedAt[i] > SHOW_FAIL_MS) {
                swap(i, now);
            }
            return;
        }
        if (lockedAt[i] == 0 && farm.flash(i).state() == BoardState.LOCKED) {
            lockedAt[i] = now;
        }
        if (lockedAt[i] != 0 && now - lockedAt[i] > SHOW_PASS_MS) {
            swap(i, now);
        }
    }

    private void swap(int i, long now) throws TransportException {
        farm.replug(i, true);
        // One fresh board in twelve is faulty: set before the station has identified it.
        faulty[i] = random.nextInt(12) == 0;
        if (faulty[i]) {
            farm.board(i).fault(FAULT);
        }
        pluggedAt[i] = now;
        lockedAt[i] = 0;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
