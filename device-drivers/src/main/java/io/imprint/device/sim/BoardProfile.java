package io.imprint.device.sim;

import io.imprint.device.protocol.Capability;
import io.imprint.device.protocol.StorageKind;
import java.time.Duration;
import java.util.Set;

/**
 * What kind of board a virtual board pretends to be.
 *
 * @param baudRate      its UART speed: replies are paced to it, and requests take their time to arrive
 * @param keygenLatency how long on-board key generation takes
 * @param capabilities  KEYGEN_ON_DEVICE for boards that make their own key, KEY_INJECTION for those that take one
 * @param storage       where it keeps credentials
 * @param hardwareRevision reported by IDENTIFY
 * @param firmwareVersion  reported by IDENTIFY
 */
public record BoardProfile(int baudRate, Duration keygenLatency, Set<Capability> capabilities, StorageKind storage,
                           String hardwareRevision, String firmwareVersion) {

    public BoardProfile {
        capabilities = Set.copyOf(capabilities);
    }

    /** A board with a secure element that makes its own P-256 key. */
    public static BoardProfile keygen(int baudRate, Duration keygenLatency) {
        return new BoardProfile(baudRate, keygenLatency, Set.of(Capability.KEYGEN_ON_DEVICE), StorageKind.SECURE_ELEMENT, "rev-C", "imprint-fw 1.0.0");
    }

    /** A board that cannot make keys and takes an injected one. */
    public static BoardProfile injection(int baudRate) {
        return new BoardProfile(baudRate, Duration.ZERO, Set.of(Capability.KEY_INJECTION), StorageKind.PROTECTED_FLASH, "rev-A", "imprint-fw 1.0.0");
    }
}
