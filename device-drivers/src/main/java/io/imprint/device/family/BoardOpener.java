package io.imprint.device.family;

import io.imprint.device.session.BoardException;
import java.util.Optional;

/**
 * Opens the board in a slot with its family's driver: a fixed family, or the one a probe finds.
 *
 * <p>Implementations say whether they are thread-safe; the station calls one from its slot's thread.
 */
@FunctionalInterface
public interface BoardOpener {

    Board open() throws BoardException;

    /** The family this opener opens, when the slot is set to one: known even if the board never answers. */
    default Optional<BoardFamily> family() {
        return Optional.empty();
    }
}
