package io.imprint.station.ui.line;

import io.imprint.station.engine.Step;

/** What a slot's tile shows: nothing on it, a board on its way, or the board's verdict. Immutable. */
public sealed interface TileState {

    /** The words in the tile's big status line. */
    String status();

    record Idle() implements TileState {
        @Override
        public String status() {
            return "Waiting for a board";
        }
    }

    record Working(Step step) implements TileState {
        @Override
        public String status() {
            return step.label();
        }

        /** How far along, 0 to 1, over the steps before PASS. */
        public double progress() {
            return (step.ordinal() + 1) / (double) Step.PASSED.ordinal();
        }
    }

    record Passed(String serial) implements TileState {
        @Override
        public String status() {
            return "PASS";
        }
    }

    record Failed(String reason, String nextAction) implements TileState {
        @Override
        public String status() {
            return "FAIL";
        }
    }
}
