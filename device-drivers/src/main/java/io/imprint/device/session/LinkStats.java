package io.imprint.device.session;

/**
 * What one session put on the wire, for the benchmark and for diagnosing noisy lines.
 *
 * @param bytesSent      request frames, headers and CRCs included
 * @param bytesReceived  reply frames, headers and CRCs included
 * @param payloadSent    request payload bytes
 * @param payloadReceived reply payload bytes
 * @param retries        requests sent again after a timeout or a corrupt reply
 * @param corruptFrames  frames the decoder rejected (CRC, length, version)
 */
public record LinkStats(long bytesSent, long bytesReceived, long payloadSent, long payloadReceived, int retries, long corruptFrames) {
}
