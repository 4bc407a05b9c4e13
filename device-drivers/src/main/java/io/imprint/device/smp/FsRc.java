package io.imprint.device.smp;

import java.util.Optional;

/**
 * The file system group's (group 8) own return codes, carried as {@code {"err":{"group":8,"rc":n}}} in
 * SMP v2 replies ({@code FS_MGMT_ERR_*} in Zephyr's {@code fs_mgmt.h}).
 *
 * <p>Immutable and thread-safe.
 */
public enum FsRc {
    OK(0), UNKNOWN(1), FILE_INVALID_NAME(2), FILE_NOT_FOUND(3), FILE_IS_DIRECTORY(4), FILE_OPEN_FAILED(5),
    FILE_SEEK_FAILED(6), FILE_READ_FAILED(7), FILE_TRUNCATE_FAILED(8), FILE_DELETE_FAILED(9),
    FILE_WRITE_FAILED(10), FILE_OFFSET_NOT_VALID(11), FILE_OFFSET_LARGER_THAN_FILE(12),
    CHECKSUM_HASH_NOT_FOUND(13), MOUNT_POINT_NOT_FOUND(14), READ_ONLY_FILESYSTEM(15), FILE_EMPTY(16);

    /** The file system management group. */
    public static final int GROUP = 8;

    private final int code;

    FsRc(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<FsRc> of(int code) {
        for (FsRc rc : values()) {
            if (rc.code == code) {
                return Optional.of(rc);
            }
        }
        return Optional.empty();
    }
}
