package io.imprint.device.protocol;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a board can do, as bit flags in the HELLO reply's {@code caps} byte. Bits not defined here
 * are reserved: boards send them as 0.
 *
 * <p>Immutable and thread-safe.
 */
public enum Capability {
    /** The board generates its key pair and returns a CSR (GENERATE_KEY, GET_CSR). */
    KEYGEN_ON_DEVICE(0x01),
    /** The board accepts a private key from the station (PUT_KEY). */
    KEY_INJECTION(0x02);

    private final int mask;

    Capability(int mask) {
        this.mask = mask;
    }

    /** This capability's bit in the caps byte. */
    public int mask() {
        return mask;
    }

    /** The caps byte for {@code capabilities}. */
    public static int toBits(Set<Capability> capabilities) {
        int bits = 0;
        for (Capability c : capabilities) {
            bits |= c.mask;
        }
        return bits;
    }

    /** The capabilities whose bits are set; reserved bits are ignored (check {@link #reservedBits}). */
    public static Set<Capability> fromBits(int bits) {
        EnumSet<Capability> set = EnumSet.noneOf(Capability.class);
        for (Capability c : values()) {
            if ((bits & c.mask) != 0) {
                set.add(c);
            }
        }
        return Collections.unmodifiableSet(set);
    }

    /** The bits of {@code bits} that no capability defines. */
    public static int reservedBits(int bits) {
        return bits & ~toBits(EnumSet.allOf(Capability.class));
    }
}
