package io.imprint.device.family;

/**
 * What a board showed for "do you hold this certificate?": a signature the station checks against the
 * certificate's key (possession of the key), or the family's own read-back of what it stored.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface Evidence {

    /** The board signed {@code challenge} (fresh random bytes) with its stored key; DER ECDSA. */
    record KeySignature(byte[] challenge, byte[] signature) implements Evidence {
        public KeySignature {
            challenge = challenge.clone();
            signature = signature.clone();
        }

        @Override
        public byte[] challenge() {
            return challenge.clone();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }
    }

    /**
     * The board's hashes of what it stored, compared with what was sent.
     *
     * @param matches whether every stored item's SHA-256 equals the sent item's
     * @param detail  which item differed or was missing, in words; empty when all match
     */
    record ReadBack(boolean matches, String detail) implements Evidence {
    }

    /** The board answered that it holds no key or credential to show. */
    record Nothing(String detail) implements Evidence {
    }
}
