package io.imprint.station.sync.online;

import io.imprint.station.StationException;
import java.time.Duration;
import java.util.Optional;

/**
 * A registry call that did not get an answer to record: the entry stays pending and is sent again.
 * Never carries a credential or a signature in its message.
 *
 * <p>Immutable.
 */
public final class RegistryException extends StationException {

    /** Why, which decides how the sync waits before the next try. */
    public enum Kind {
        /** HTTP 429, ThrottlingException: slow down (honour {@link #retryAfter()}). */
        THROTTLED,
        /** 5xx, a timeout, no network: back off and retry. */
        UNAVAILABLE,
        /** Credentials missing, expired or refused (401/403): no point retrying until someone fixes them. */
        UNAUTHORISED
    }

    private final Kind kind;
    private final Duration retryAfter;

    public RegistryException(Kind kind, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** What the registry asked for (Retry-After), if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
