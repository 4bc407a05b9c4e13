package io.imprint.station.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.station.audit.AuditTrail;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The public constructor, with the real iteration count: what the station stores and how long a login takes. */
class DefaultIterationsTest extends AccountsFixture {

    @Test
    void theStationHashesWithTheDefaultCountAndUnknownNamesCostAsMuchAsKnownOnes() throws Exception {
        Accounts real = new Accounts(db, new AuditTrail("st-1", signer, 10, clock), clock);
        real.create("olga", "Olga", Role.OPERATOR, "operator-pass".toCharArray(), Optional.empty(), ACTOR);
        try (Connection c = db.connection(); ResultSet rs = c.createStatement().executeQuery("SELECT password_hash FROM operators")) {
            rs.next();
            assertThat(rs.getString(1)).startsWith("pbkdf2-sha256$" + Accounts.DEFAULT_ITERATIONS + "$");
        }
        assertThat(real.authenticate("olga", "operator-pass".toCharArray()).username()).isEqualTo("olga");

        long known = medianMillis(() -> real.authenticate("olga", "wrong-pass".toCharArray()));
        real.unlock("olga", ACTOR);
        long unknown = medianMillis(() -> real.authenticate("nobody", "wrong-pass".toCharArray()));
        LoggerFactory.getLogger(DefaultIterationsTest.class).info("a wrong password took {} ms, an unknown name {} ms ({} iterations)",
                known, unknown, Accounts.DEFAULT_ITERATIONS);

        // Loose bounds: timing on a shared build machine varies; what matters is that neither skips the hash.
        assertThat(known).isGreaterThanOrEqualTo(10);
        assertThat(unknown).isGreaterThanOrEqualTo(known / 2);
    }

    interface Login {
        void run() throws Exception;
    }

    static long medianMillis(Login login) {
        long[] millis = new long[3];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            assertThatThrownBy(login::run).isInstanceOf(AccountException.class);
            millis[i] = Duration.ofNanos(System.nanoTime() - start).toMillis();
        }
        Arrays.sort(millis);
        return millis[1];
    }
}
