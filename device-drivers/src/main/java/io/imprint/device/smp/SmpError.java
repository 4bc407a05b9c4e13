package io.imprint.device.smp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * An error a board put in an SMP reply body, in either style: v1's {@code {"rc":n}} (n ≠ 0) or v2's
 * {@code {"err":{"group":g,"rc":n}}}. Codes this package does not know keep their number.
 *
 * <p>All variants are immutable and thread-safe.
 */
public sealed interface SmpError {

    /** The code's name, e.g. {@code NO_MEMORY} or {@code FILE_NOT_FOUND}, or {@code rc 42} for an unknown one. */
    String name();

    /** For messages: the name with where it came from, e.g. {@code FILE_NOT_FOUND (file system group rc 3)}. */
    String describe();

    /** A management return code ({@code {"rc"}}). */
    record Mgmt(int rc) implements SmpError {
        public Optional<SmpRc> code() {
            return SmpRc.of(rc);
        }

        @Override
        public String name() {
            return code().map(Enum::name).orElse("rc " + rc);
        }

        @Override
        public String describe() {
            return name() + " (SMP rc " + rc + ")";
        }
    }

    /** A file system group error ({@code {"err":{"group":8,...}}}). */
    record FileSystem(int rc) implements SmpError {
        public Optional<FsRc> code() {
            return FsRc.of(rc);
        }

        @Override
        public String name() {
            return code().map(Enum::name).orElse("rc " + rc);
        }

        @Override
        public String describe() {
            return name() + " (file system group rc " + rc + ")";
        }
    }

    /** Any other group's error, by number. */
    record Group(int group, int rc) implements SmpError {
        @Override
        public String name() {
            return "group " + group + " rc " + rc;
        }

        @Override
        public String describe() {
            return "error rc " + rc + " of SMP group " + group;
        }
    }

    /** The error in a reply body, or empty when it reports success (no rc, or rc 0). */
    static Optional<SmpError> in(JsonNode body) {
        JsonNode err = body.get("err");
        if (err != null && err.isObject()) {
            int group = err.path("group").asInt(-1);
            int rc = err.path("rc").asInt(0);
            if (rc != 0) {
                return Optional.of(group == FsRc.GROUP ? new FileSystem(rc) : new Group(group, rc));
            }
        }
        JsonNode rc = body.get("rc");
        if (rc != null && rc.isIntegralNumber() && rc.asInt() != 0) {
            return Optional.of(new Mgmt(rc.asInt()));
        }
        return Optional.empty();
    }
}
