package io.imprint.station.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.station.account.AccountException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountsLoginTest extends AccountsFixture {

    static final String WRONG = "Wrong user name or password";

    @Test
    void eachRoleLogsInWithItsOwnPassword() throws Exception {
        create("olga", Role.OPERATOR, "operator-pass");
        create("sam", Role.SUPERVISOR, "supervisor-pass");
        create("ada", Role.ADMIN, "admin-pass");

        assertThat(accounts.authenticate("olga", "operator-pass".toCharArray())).isEqualTo(new Operator("olga", "User olga", Role.OPERATOR));
        assertThat(accounts.authenticate("sam", "supervisor-pass".toCharArray()).role()).isEqualTo(Role.SUPERVISOR);
        assertThat(accounts.authenticate(" ADA ", "admin-pass".toCharArray()))
                .as("names in any case, blanks around them ignored").isEqualTo(new Operator("ada", "User ada", Role.ADMIN));
    }

    @Test
    void aWrongPasswordAndAnUnknownNameGetTheSameReasonAndMessage() throws Exception {
        create("olga", Role.OPERATOR, "operator-pass");

        AccountException wrong = refusal("olga", "operator-pasS");
        AccountException unknown = refusal("olgaa", "operator-pass");

        assertThat(wrong.reason()).isEqualTo(Reason.WRONG_CREDENTIALS);
        assertThat(unknown.reason()).isEqualTo(Reason.WRONG_CREDENTIALS);
        assertThat(wrong.getMessage()).isEqualTo(WRONG).isEqualTo(unknown.getMessage());
        assertThat(wrong.lockedUntil()).isEmpty();
        assertThat(refusal("", "x").reason()).isEqualTo(Reason.WRONG_CREDENTIALS);
        assertThat(refusal(null, (char[]) null).reason()).isEqualTo(Reason.WRONG_CREDENTIALS);
    }

    @Test
    void fiveWrongPasswordsLockTheAccountAgainstEvenTheRightOne() throws Exception {
        create("olga", Role.OPERATOR, "operator-pass");
        for (int i = 1; i < Accounts.MAX_FAILED_TRIES; i++) {
            assertThat(refusal("olga", "guess-" + i).reason()).isEqualTo(Reason.WRONG_CREDENTIALS);
        }
        Instant fifth = clock.instant();
        AccountException locked = refusal("olga", "guess-5");

        assertThat(locked.reason()).isEqualTo(Reason.LOCKED);
        assertThat(locked.lockedUntil()).hasValueSatisfying(until ->
                assertThat(Duration.between(fifth, until)).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(5).plusSeconds(1)));
        assertThat(locked.getMessage()).startsWith("This account is locked until 08:05:00").contains("supervisor");
        AccountException rightPassword = refusal("olga", "operator-pass");
        assertThat(rightPassword.reason()).isEqualTo(Reason.LOCKED);
        assertThat(rightPassword.lockedUntil()).isEqualTo(locked.lockedUntil());
        assertThat(accounts.summaries().getFirst().locked()).isTrue();
    }

    @Test
    void theLockRunsOutAfterFiveMinutesAndTheNextTriesStartAFreshCount() throws Exception {
        create("olga", Role.OPERATOR, "operator-pass");
        lockOut("olga");

        clock.advance(Duration.ofMinutes(4).plusSeconds(50));
        assertThat(refusal("olga", "operator-pass").reason()).isEqualTo(Reason.LOCKED);
        clock.advance(Duration.ofSeconds(10));
        assertThat(refusal("olga", "one-more-guess").reason()).as("a fresh count, not locked again at once").isEqualTo(Reason.WRONG_CREDENTIALS);
        assertThat(accounts.authenticate("olga", "operator-pass".toCharArray()).username()).isEqualTo("olga");
    }

    @Test
    void anUnlockLiftsTheLockAtOnce() throws Exception {
        create("olga", Role.OPERATOR, "operator-pass");
        lockOut("olga");

        accounts.unlock("olga", "sam");

        assertThat(accounts.authenticate("olga", "operator-pass".toCharArray()).username()).isEqualTo("olga");
        assertThatThrownBy(() -> accounts.unlock("nobody", "sam")).isInstanceOfSatisfying(AccountException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void aSuccessResetsTheCount() throws Exception {
        create("olga", Role.OPERATOR, "operator-pass");
        for (int round = 0; round < 2; round++) {
            for (int i = 1; i < Accounts.MAX_FAILED_TRIES; i++) {
                refusal("olga", "guess-" + i);
            }
            assertThat(accounts.authenticate("olga", "operator-pass".toCharArray()).username()).isEqualTo("olga");
        }
    }

    @Test
    void theFailureCountAndTheLockSurviveARestart() throws Exception {
        create("olga", Role.OPERATOR, "operator-pass");
        create("sam", Role.SUPERVISOR, "supervisor-pass");
        for (int i = 1; i < Accounts.MAX_FAILED_TRIES; i++) {
            refusal("olga", "guess-" + i);
        }
        lockOut("sam");

        reopen();

        assertThat(refusal("olga", "guess-5").reason()).as("the fifth try after the restart locks").isEqualTo(Reason.LOCKED);
        assertThat(refusal("sam", "supervisor-pass").reason()).isEqualTo(Reason.LOCKED);
    }

    @Test
    void aBadgeScanFillsTheUserName() throws Exception {
        accounts.create("olga", "Olga O.", Role.OPERATOR, "operator-pass".toCharArray(), Optional.of("0004211337"), ACTOR);

        assertThat(accounts.authenticate("0004211337", "operator-pass".toCharArray()).username()).isEqualTo("olga");
        assertThat(accounts.authenticate("0004211337\r\n", "operator-pass".toCharArray()).username())
                .as("the Enter a keyboard-wedge scanner types").isEqualTo("olga");
        assertThat(refusal("0004211337", "wrong-pass").reason()).isEqualTo(Reason.WRONG_CREDENTIALS);
        assertThat(refusal("0004211338", "operator-pass").getMessage()).isEqualTo(WRONG);
        assertThat(events()).filteredOn(e -> e.action().equals("account.login")).first()
                .isEqualTo(new Event("olga", "account.login", "olga", "{\"via\":\"badge\"}"));
    }

    @Test
    void aDisabledAccountIsToldSoOnlyWithTheRightPassword() throws Exception {
        create("ada", Role.ADMIN, "admin-pass");
        create("olga", Role.OPERATOR, "operator-pass");
        accounts.disable("olga", "ada");

        assertThat(refusal("olga", "wrong-pass").reason()).isEqualTo(Reason.WRONG_CREDENTIALS);
        AccountException disabled = refusal("olga", "operator-pass");
        assertThat(disabled.reason()).isEqualTo(Reason.DISABLED);
        assertThat(disabled.getMessage()).contains("disabled");
    }

    @Test
    void thePasswordArrayIsWipedWhateverHappens() throws Exception {
        create("olga", Role.OPERATOR, "operator-pass");
        char[] right = "operator-pass".toCharArray();
        char[] wrong = "wrong-pass".toCharArray();
        char[] unknown = "operator-pass".toCharArray();
        char[] created = "created-pass".toCharArray();
        char[] tooShort = "short".toCharArray();
        char[] changed = "changed-pass".toCharArray();

        accounts.authenticate("olga", right);
        refusal("olga", wrong);
        refusal("nobody", unknown);
        accounts.create("sam", "Sam", Role.SUPERVISOR, created, Optional.empty(), ACTOR);
        assertThatThrownBy(() -> accounts.create("tim", "Tim", Role.OPERATOR, tooShort, Optional.empty(), ACTOR)).isInstanceOf(AccountException.class);
        accounts.changePassword("olga", changed, ACTOR);

        for (char[] password : new char[][] {right, wrong, unknown, created, tooShort, changed}) {
            assertThat(new String(password)).isEqualTo("\0".repeat(password.length));
        }
    }

    void lockOut(String user) {
        for (int i = 1; i <= Accounts.MAX_FAILED_TRIES; i++) {
            refusal(user, "guess-" + i);
        }
    }

    AccountException refusal(String user, String password) {
        return refusal(user, password == null ? null : password.toCharArray());
    }

    AccountException refusal(String user, char[] password) {
        try {
            Operator o = accounts.authenticate(user, password);
            throw new AssertionError("logged in as " + o);
        } catch (AccountException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
