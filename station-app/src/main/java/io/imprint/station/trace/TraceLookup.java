package io.imprint.station.trace;

import java.util.List;

/**
 * What looking a board up found: its trace, or nothing and the device ids it may have meant.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface TraceLookup {

    /** The board is in the batch log. */
    record Found(DeviceTrace trace) implements TraceLookup {
    }

    /** No board with exactly this id; {@code suggestions} are near matches (at most {@link BoardTraces#SUGGESTIONS}). */
    record NotFound(String deviceId, List<String> suggestions) implements TraceLookup {

        public NotFound {
            suggestions = List.copyOf(suggestions);
        }

        /** One line for the person who typed the id. */
        public String message() {
            return "no board " + deviceId + " in the batch log"
                    + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(", ", suggestions) + "?");
        }
    }
}
