package io.imprint.device.smp;

import java.util.Objects;

/**
 * A misbehaviour {@link SmpSimulator} can be told to show, for tests of the station's failure handling.
 *
 * <p>All variants are immutable and thread-safe.
 */
public sealed interface SmpFault {

    /** Every request for this group and command gets {@code {"rc":rc}}, a management (v1-style) error. */
    record RcError(int group, int command, SmpRc rc) implements SmpFault {
        public RcError {
            Objects.requireNonNull(rc, "rc");
        }
    }

    /** Every request for this group and command gets {@code {"err":{"group":8,"rc":rc}}}, a v2 file system error. */
    record FsError(int group, int command, FsRc rc) implements SmpFault {
        public FsError {
            Objects.requireNonNull(rc, "rc");
        }
    }

    /** The next reply goes out with a wrong CRC; the one after is sound again. */
    record CorruptCrcOnce() implements SmpFault {
    }

    /** The board stops answering (requests are read and dropped), as a hung firmware does. */
    record Silent() implements SmpFault {
    }

    /** Once an upload of {@code name} completes, one byte of what the board stored is flipped, as failing flash does. */
    record FlipStoredByte(String name) implements SmpFault {
        public FlipStoredByte {
            Objects.requireNonNull(name, "name");
        }
    }
}
