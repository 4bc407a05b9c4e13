package io.imprint.station.ui;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javafx.animation.AnimationTimer;

/**
 * Measures the FX thread's pulses: an animation timer asks for one every frame, so a gap between two
 * is time the FX thread could not draw (it was busy, or blocked).
 *
 * <p>FX thread only.
 */
public final class FrameGaps extends AnimationTimer {

    private final List<Long> gapsNanos = new ArrayList<>();
    private final List<Long> longGapsAt = new ArrayList<>();
    private long first;
    private long last;

    @Override
    public void handle(long now) {
        if (last != 0) {
            gapsNanos.add(now - last);
            if (now - last > 100_000_000L) {
                longGapsAt.add((last - first) / 1_000_000);
            }
        } else {
            first = now;
        }
        last = now;
    }

    /** When (ms after the first frame) each gap above 100 ms began. */
    public List<Long> longGapsAtMillis() {
        return List.copyOf(longGapsAt);
    }

    public int frames() {
        return gapsNanos.size();
    }

    public double maxMillis() {
        return gapsNanos.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6;
    }

    public double percentileMillis(double p) {
        if (gapsNanos.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(gapsNanos);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }
}
