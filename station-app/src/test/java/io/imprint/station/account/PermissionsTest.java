package io.imprint.station.account;

import static io.imprint.station.account.Permission.AUTHORISE_REPROVISIONING;
import static io.imprint.station.account.Permission.EDIT_SETTINGS;
import static io.imprint.station.account.Permission.MANAGE_ACCOUNTS;
import static io.imprint.station.account.Permission.MANAGE_BATCHES;
import static io.imprint.station.account.Permission.RUN_BATCH;
import static io.imprint.station.account.Permission.UNLOCK_HSM;
import static io.imprint.station.account.Permission.VIEW_REPORTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.imprint.station.account.AccountException.Reason;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PermissionsTest extends AccountsFixture {

    static final Map<Role, Set<Permission>> MATRIX = Map.of(
            Role.OPERATOR, EnumSet.of(RUN_BATCH),
            Role.SUPERVISOR, EnumSet.of(RUN_BATCH, UNLOCK_HSM, MANAGE_BATCHES, AUTHORISE_REPROVISIONING, VIEW_REPORTS),
            Role.ADMIN, EnumSet.allOf(Permission.class));

    @Test
    void eachRoleMayDoExactlyWhatTheIssueSays() {
        for (Role role : Role.values()) {
            Operator who = new Operator("u", "U", role);
            for (Permission p : Permission.values()) {
                assertThat(role.may(p)).as(role + " " + p).isEqualTo(MATRIX.get(role).contains(p));
                assertThat(who.may(p)).as(role + " " + p).isEqualTo(MATRIX.get(role).contains(p));
            }
            assertThat(role.permissions()).isEqualTo(MATRIX.get(role));
        }
    }

    @Test
    void requireRefusesWithAMessageNamingWhoMay() throws Exception {
        Operator olga = new Operator("olga", "Olga O.", Role.OPERATOR);
        Operator sam = new Operator("sam", "Sam S.", Role.SUPERVISOR);

        assertThatCode(() -> accounts.require(olga, RUN_BATCH)).doesNotThrowAnyException();
        assertThatCode(() -> accounts.require(sam, UNLOCK_HSM)).doesNotThrowAnyException();
        AccountException refused = AccountsAdminTest.refused(Reason.NOT_ALLOWED, () -> accounts.require(olga, UNLOCK_HSM));
        assertThat(refused.getMessage()).isEqualTo("Olga O. (operator) may not unlock the HSM: that needs a supervisor or an admin");
        assertThat(AccountsAdminTest.refused(Reason.NOT_ALLOWED, () -> accounts.require(sam, EDIT_SETTINGS)).getMessage())
                .isEqualTo("Sam S. (supervisor) may not bind slots or edit profiles and settings: that needs an admin");
        AccountsAdminTest.refused(Reason.NOT_ALLOWED, () -> accounts.require(sam, MANAGE_ACCOUNTS));
        AccountsAdminTest.refused(Reason.NOT_ALLOWED, () -> accounts.require(null, RUN_BATCH));
        for (Permission p : Permission.values()) {
            accounts.require(new Operator("ada", "Ada", Role.ADMIN), p);
        }
    }

    @Test
    void rolesAreParsedInAnyCase() throws Exception {
        assertThat(Arrays.stream(new String[] {"operator", "Supervisor", " ADMIN "}).map(s -> {
            try {
                return Role.parse(s);
            } catch (AccountException e) {
                throw new AssertionError(e);
            }
        })).containsExactly(Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN);
        assertThat(AccountsAdminTest.refused(Reason.INVALID, () -> Role.parse("qa")).getMessage())
                .isEqualTo("role 'qa' is not one of operator, supervisor, admin");
    }
}
