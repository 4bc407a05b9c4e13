package io.imprint.device.session;

import java.util.Objects;

/**
 * A failure in an operator's words: what went wrong with the board and what to do next, for a red tile.
 *
 * @param problem    e.g. "The modem's credential storage is full"
 * @param nextAction e.g. "Set the board aside for repair"
 */
public record OperatorAdvice(String problem, String nextAction) {

    public OperatorAdvice {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(nextAction, "nextAction");
    }
}
