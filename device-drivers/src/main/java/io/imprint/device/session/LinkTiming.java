package io.imprint.device.session;

import java.time.Duration;

/**
 * How long the host waits and how often it retries (PROTOCOL.md, "Timeouts and retries"). The reply
 * timeout grows with the bytes on the wire at the link's baud rate, so a slow link is not mistaken for
 * a dead board.
 *
 * @param baudRate      link speed; 0 for links with no meaningful baud rate (USB), timed as 115200
 * @param baseTimeout   time allowed for the board to start answering an ordinary request
 * @param keygenTimeout time allowed for on-board key generation
 * @param commitTimeout time allowed for persisting credentials
 * @param retries       retransmissions of a request before giving up
 */
public record LinkTiming(int baudRate, Duration baseTimeout, Duration keygenTimeout, Duration commitTimeout, int retries) {

    public static LinkTiming standard(int baudRate) {
        return new LinkTiming(baudRate, Duration.ofMillis(300), Duration.ofSeconds(30), Duration.ofSeconds(10), 3);
    }

    /**
     * How long the host keeps asking a board that answers BUSY, from its first BUSY (PROTOCOL.md §4): as
     * long as the longest operation a board may be finishing, so the longest of the three timeouts.
     */
    public Duration busyBudget() {
        Duration longest = keygenTimeout.compareTo(commitTimeout) >= 0 ? keygenTimeout : commitTimeout;
        return longest.compareTo(baseTimeout) >= 0 ? longest : baseTimeout;
    }

    /** Time to move {@code bytes} at the baud rate: 10 bits a byte (start, 8 data, stop). */
    public Duration transmission(int bytes) {
        int baud = baudRate > 0 ? baudRate : 115200;
        return Duration.ofNanos(bytes * 10L * 1_000_000_000L / baud);
    }
}
