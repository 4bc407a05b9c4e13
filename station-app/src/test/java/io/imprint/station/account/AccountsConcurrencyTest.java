package io.imprint.station.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.station.account.AccountException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Logins racing on one account: the row lock makes every wrong password count, and the lock happen once. */
class AccountsConcurrencyTest extends AccountsFixture {

    @Test
    void wrongPasswordsTriedAtOnceAreEachCountedAndLockOnce() throws Exception {
        create("olga", Role.OPERATOR, "operator-pass");
        int tries = 12;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Reason>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(tries)) {
            for (int i = 0; i < tries; i++) {
                String guess = "guess-" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        accounts.authenticate("olga", guess.toCharArray());
                        return null;
                    } catch (AccountException e) {
                        return e.reason();
                    }
                }));
            }
            start.countDown();
        }
        List<Reason> reasons = new ArrayList<>();
        for (Future<Reason> f : results) {
            reasons.add(f.get());
        }

        assertThat(reasons).filteredOn(r -> r == Reason.WRONG_CREDENTIALS).hasSize(Accounts.MAX_FAILED_TRIES - 1);
        assertThat(reasons).filteredOn(r -> r == Reason.LOCKED).hasSize(tries - Accounts.MAX_FAILED_TRIES + 1);
        assertThat(events()).filteredOn(e -> e.action().equals("account.locked")).hasSize(1);
        assertThat(accounts.summaries().getFirst().failedLogins()).isEqualTo(Accounts.MAX_FAILED_TRIES);
        assertThat(verifyAudit().problems()).isEmpty();
    }
}
