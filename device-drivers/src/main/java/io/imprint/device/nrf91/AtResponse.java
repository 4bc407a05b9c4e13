package io.imprint.device.nrf91;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A modem's whole answer to one command: its information lines, in order, and the final result.
 *
 * <p>Immutable and thread-safe.
 */
public record AtResponse(List<String> info, AtLine.Final result) {

    public AtResponse {
        info = List.copyOf(info);
        Objects.requireNonNull(result, "result");
    }

    public boolean ok() {
        return result instanceof AtLine.Ok;
    }

    /** The first information line starting with {@code prefix}, prefix and following blanks removed. */
    public Optional<String> value(String prefix) {
        return info.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).strip()).findFirst();
    }
}
