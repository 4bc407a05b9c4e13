package io.imprint.device.nrf91;

/**
 * Ways an {@link Nrf91Simulator} misbehaves, for tests and the bench. A command "matches" a prefix when
 * its text starts with it, e.g. {@code AT%KEYGEN} or {@code AT%CMNG=0}.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface Nrf91Fault {

    /** Commands matching {@code commandPrefix} answer {@code +CME ERROR: code} (ERROR before AT+CMEE=1). */
    record Cme(String commandPrefix, int code) implements Nrf91Fault {
    }

    /** Commands matching {@code commandPrefix} answer plain ERROR. */
    record PlainError(String commandPrefix) implements Nrf91Fault {
    }

    /** Commands matching {@code commandPrefix} get no answer at all. */
    record Silent(String commandPrefix) implements Nrf91Fault {
    }

    /** Once {@code items} credentials are stored, a write or key generation answers 515. */
    record StorageFullAfter(int items) implements Nrf91Fault {
    }

    /** %KEYGEN's COSE_Sign1 carries the digest of something other than its CSR (still correctly signed). */
    record CorruptCose() implements Nrf91Fault {
    }
}
