package io.imprint.device.smp;

import java.util.Optional;

/**
 * Zephyr's MCUmgr management return codes ({@code MGMT_ERR_*}), carried as {@code {"rc":n}} in SMP v1
 * replies and, for errors not owned by a group, in v2 replies too.
 *
 * <p>Immutable and thread-safe.
 */
public enum SmpRc {
    OK(0), UNKNOWN(1), NO_MEMORY(2), INVALID(3), TIMEOUT(4), NO_ENTRY(5), BAD_STATE(6), MSG_SIZE(7),
    NOT_SUPPORTED(8), CORRUPT(9), BUSY(10), ACCESS_DENIED(11);

    private final int code;

    SmpRc(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<SmpRc> of(int code) {
        for (SmpRc rc : values()) {
            if (rc.code == code) {
                return Optional.of(rc);
            }
        }
        return Optional.empty();
    }
}
