package io.imprint.station.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.station.account.AccountException.Reason;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class AccountsAdminTest extends AccountsFixture {

    @Test
    void aNewStationHasNoAccountUntilTheFirstIsCreated() throws Exception {
        assertThat(accounts.isEmpty()).isTrue();
        create("ada", Role.ADMIN, "admin-pass");
        assertThat(accounts.isEmpty()).isFalse();
    }

    @Test
    void aTakenUserNameOrBadgeIsRefusedAndNothingChanges() throws Exception {
        accounts.create("olga", "Olga O.", Role.OPERATOR, "operator-pass".toCharArray(), Optional.of("B-1001"), ACTOR);
        int eventsBefore = events().size();

        refused(Reason.EXISTS, () -> create("olga", Role.ADMIN, "another-pass"));
        refused(Reason.EXISTS, () -> create("OLGA", Role.ADMIN, "another-pass"));
        refused(Reason.EXISTS, () -> accounts.create("sam", "Sam", Role.SUPERVISOR, "supervisor-pass".toCharArray(), Optional.of("B-1001"), ACTOR));
        refused(Reason.EXISTS, () -> accounts.create("sam", "Sam", Role.SUPERVISOR, "supervisor-pass".toCharArray(), Optional.of("olga"), ACTOR));
        refused(Reason.EXISTS, () -> create("B-1001", Role.OPERATOR, "operator-pass"));

        assertThat(accounts.list()).containsExactly(new Operator("olga", "Olga O.", Role.OPERATOR));
        assertThat(events()).hasSize(eventsBefore);
        assertThat(accounts.authenticate("olga", "operator-pass".toCharArray()).role()).isEqualTo(Role.OPERATOR);
    }

    @Test
    void badNamesAndShortPasswordsAreRefusedWithAMessageSayingWhy() throws Exception {
        AccountException shortPassword = refused(Reason.INVALID, () -> create("olga", Role.OPERATOR, "7-chars"));
        assertThat(shortPassword.getMessage()).isEqualTo("the password must be at least 8 characters long");
        assertThat(refused(Reason.INVALID, () -> create("olga smith", Role.OPERATOR, "operator-pass")).getMessage())
                .contains("1 to 64 letters, digits, dots, dashes or underscores");
        refused(Reason.INVALID, () -> create("x".repeat(65), Role.OPERATOR, "operator-pass"));
        refused(Reason.INVALID, () -> create("", Role.OPERATOR, "operator-pass"));
        refused(Reason.INVALID, () -> accounts.create("olga", "x".repeat(129), Role.OPERATOR, "operator-pass".toCharArray(), Optional.empty(), ACTOR));
        refused(Reason.INVALID, () -> accounts.create("olga", "Olga\u0007", Role.OPERATOR, "operator-pass".toCharArray(), Optional.empty(), ACTOR));
        refused(Reason.INVALID, () -> accounts.create("olga", "Olga", Role.OPERATOR, "operator-pass".toCharArray(), Optional.of("has space"), ACTOR));
        refused(Reason.INVALID, () -> accounts.create("olga", "Olga", null, "operator-pass".toCharArray(), Optional.empty(), ACTOR));
        refused(Reason.INVALID, () -> accounts.create("olga", "Olga", Role.OPERATOR, "operator-pass".toCharArray(), Optional.empty(), " "));
        assertThat(accounts.isEmpty()).isTrue();
        assertThat(create("o.k-name_1", Role.OPERATOR, "exactly8").username()).isEqualTo("o.k-name_1");
    }

    @Test
    void aNewPasswordReplacesTheOldAndLiftsALock() throws Exception {
        create("olga", Role.OPERATOR, "operator-pass");
        for (int i = 0; i < Accounts.MAX_FAILED_TRIES; i++) {
            assertThatThrownBy(() -> accounts.authenticate("olga", "forgotten".toCharArray())).isInstanceOf(AccountException.class);
        }

        accounts.changePassword("olga", "new-operator-pass".toCharArray(), "sam");

        assertThat(accounts.authenticate("olga", "new-operator-pass".toCharArray()).username()).isEqualTo("olga");
        refused(Reason.WRONG_CREDENTIALS, () -> accounts.authenticate("olga", "operator-pass".toCharArray()));
        refused(Reason.INVALID, () -> accounts.changePassword("olga", "short".toCharArray(), "sam"));
        refused(Reason.NOT_FOUND, () -> accounts.changePassword("nobody", "long-enough".toCharArray(), "sam"));
    }

    @Test
    void disabledAccountsStayListedAndTheLastAdminCannotBeDisabled() throws Exception {
        create("ada", Role.ADMIN, "admin-pass");
        create("olga", Role.OPERATOR, "operator-pass");

        accounts.disable("olga", "ada");
        accounts.disable("olga", "ada");
        AccountException lastAdmin = refused(Reason.NOT_ALLOWED, () -> accounts.disable("ada", "ada"));

        assertThat(lastAdmin.getMessage()).contains("last admin");
        assertThat(accounts.list()).extracting(Operator::username).containsExactly("ada", "olga");
        assertThat(accounts.summaries()).extracting(AccountSummary::disabled).containsExactly(false, true);
        assertThat(events()).filteredOn(e -> e.action().equals("account.disabled")).hasSize(1);
        create("bea", Role.ADMIN, "admin-pass-2");
        accounts.disable("ada", "bea");
        refused(Reason.DISABLED, () -> accounts.authenticate("ada", "admin-pass".toCharArray()));
    }

    @Test
    void theListIsOrderedByNameAndShowsBadgesAndLocksWithoutTheBadgeId() throws Exception {
        create("zoe", Role.SUPERVISOR, "supervisor-pass");
        accounts.create("Bob", "Bob B.", Role.OPERATOR, "operator-pass".toCharArray(), Optional.of("B-7"), ACTOR);
        create("ada", Role.ADMIN, "admin-pass");
        for (int i = 0; i < Accounts.MAX_FAILED_TRIES; i++) {
            assertThatThrownBy(() -> accounts.authenticate("zoe", "guess".toCharArray())).isInstanceOf(AccountException.class);
        }

        List<AccountSummary> summaries = accounts.summaries();

        assertThat(summaries).extracting(s -> s.operator().username()).containsExactly("ada", "Bob", "zoe");
        assertThat(summaries).extracting(AccountSummary::hasBadge).containsExactly(false, true, false);
        assertThat(summaries).extracting(AccountSummary::locked).containsExactly(false, false, true);
        assertThat(summaries.get(2).failedLogins()).isEqualTo(5);
    }

    static AccountException refused(Reason reason, Executable action) {
        try {
            action.execute();
        } catch (AccountException e) {
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
            return e;
        } catch (Throwable e) {
            throw new AssertionError("expected an AccountException " + reason, e);
        }
        throw new AssertionError("expected an AccountException " + reason + " but nothing was refused");
    }
}
