package io.imprint.device.smp;

import io.imprint.device.session.BoardException;
import io.imprint.device.session.OperatorAdvice;

/**
 * What an SMP error means to the operator at the station: the tile's words and the reason the workflow
 * acts on. {@code path} is the board file the failed command was about ("" for commands about none).
 *
 * <p>Stateless and thread-safe.
 */
final class SmpAdvice {

    private static final String REPAIR = "Set the board aside for repair";
    private static final String REFLASH = "Flash the board with the provisioning firmware, then retry";
    private static final String SETTINGS = "Check the SMP file paths in the station settings, then retry";
    private static final String RETRY = "Re-seat the board and retry; if it happens again, set the board aside";

    private SmpAdvice() {
    }

    static BoardException.Reason reason(SmpError error) {
        boolean unsupported = switch (error) {
            case SmpError.Mgmt m -> m.code().orElse(SmpRc.UNKNOWN) == SmpRc.NOT_SUPPORTED;
            case SmpError.FileSystem f -> f.code().orElse(FsRc.UNKNOWN) == FsRc.CHECKSUM_HASH_NOT_FOUND;
            case SmpError.Group g -> false;
        };
        return unsupported ? BoardException.Reason.UNSUPPORTED : BoardException.Reason.BOARD_ERROR;
    }

    static OperatorAdvice advice(SmpError error, String path) {
        return switch (error) {
            case SmpError.Mgmt m -> switch (m.code().orElse(SmpRc.UNKNOWN)) {
                case NO_MEMORY -> full();
                case NO_ENTRY -> missing(path);
                case MSG_SIZE -> new OperatorAdvice("The board's SMP buffer is smaller than the station's packets",
                        "Lower the SMP MTU setting for this board, then retry");
                case NOT_SUPPORTED -> new OperatorAdvice("The board's firmware lacks the MCUmgr command the station needs", REFLASH);
                case BUSY -> new OperatorAdvice("The board is busy with another SMP transfer", RETRY);
                case ACCESS_DENIED -> new OperatorAdvice("The board refused access to " + orBoard(path),
                        "Check the board is not already locked; set it aside if it is");
                case CORRUPT -> new OperatorAdvice("The board reports corrupt data in " + orBoard(path), REPAIR);
                default -> other(error, path);
            };
            case SmpError.FileSystem f -> switch (f.code().orElse(FsRc.UNKNOWN)) {
                case FILE_WRITE_FAILED, FILE_TRUNCATE_FAILED, FILE_OPEN_FAILED, FILE_SEEK_FAILED, FILE_READ_FAILED -> full();
                case FILE_NOT_FOUND, FILE_EMPTY -> missing(path);
                case MOUNT_POINT_NOT_FOUND -> new OperatorAdvice(
                        "The board has no file system mounted at " + mountPoint(path), REFLASH);
                case READ_ONLY_FILESYSTEM -> new OperatorAdvice(
                        "The board's file system at " + mountPoint(path) + " is read-only", REFLASH);
                case FILE_INVALID_NAME -> new OperatorAdvice("The board rejects the file name " + path, SETTINGS);
                case FILE_IS_DIRECTORY -> new OperatorAdvice(path + " on the board is a directory, not a file", SETTINGS);
                case CHECKSUM_HASH_NOT_FOUND -> new OperatorAdvice(
                        "The board's firmware cannot compute SHA-256 of its files", REFLASH);
                case FILE_OFFSET_NOT_VALID, FILE_OFFSET_LARGER_THAN_FILE -> new OperatorAdvice(
                        "The board lost track of the transfer of " + path, RETRY);
                default -> other(error, path);
            };
            case SmpError.Group g -> other(error, path);
        };
    }

    private static OperatorAdvice full() {
        return new OperatorAdvice("The board's file system is full or failing", REPAIR);
    }

    private static OperatorAdvice missing(String path) {
        return new OperatorAdvice("The board has no file " + path, "Check that the board's firmware and identity were flashed, then retry");
    }

    private static OperatorAdvice other(SmpError error, String path) {
        return new OperatorAdvice("The board answered " + error.describe() + (path.isEmpty() ? "" : " for " + path), RETRY);
    }

    private static String orBoard(String path) {
        return path.isEmpty() ? "its management commands" : path;
    }

    /** {@code /lfs} for {@code /lfs/imprint/device.key}: Zephyr mounts file systems at a top-level directory. */
    static String mountPoint(String path) {
        if (!path.startsWith("/")) {
            return path;
        }
        int slash = path.indexOf('/', 1);
        return slash < 0 ? path : path.substring(0, slash);
    }
}
