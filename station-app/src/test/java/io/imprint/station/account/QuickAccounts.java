package io.imprint.station.account;

import io.imprint.station.audit.AuditTrail;
import io.imprint.station.store.StationDatabase;
import java.time.Clock;

/**
 * Accounts hashing new passwords with {@link AccountsFixture#TEST_ITERATIONS} PBKDF2 iterations, for
 * the tests of other packages that make accounts to log in with rather than to test hashing ({@link
 * DefaultIterationsTest} uses the real count). A login checks a hash with the count stored in it, so
 * the station's own accounts log these users in, through the same code, in a millisecond instead of
 * the default's hundred or more.
 */
public final class QuickAccounts {

    private QuickAccounts() {
    }

    public static Accounts of(StationDatabase db, AuditTrail audit, Clock clock) {
        return new Accounts(db, audit, clock, AccountsFixture.TEST_ITERATIONS);
    }
}
