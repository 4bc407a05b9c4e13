package io.imprint.station.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.station.audit.AuditVerification;
import io.imprint.station.testing.SecretScan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountAuditTest extends AccountsFixture {

    @Test
    void everyChangeAndLoginIsAuditedWithItsActorAndTheChainVerifies() throws Exception {
        accounts.create("ada", "Ada A.", Role.ADMIN, "admin-pass".toCharArray(), Optional.empty(), "os:root");
        accounts.create("olga", "Olga O.", Role.OPERATOR, "operator-pass".toCharArray(), Optional.of("B-1"), "ada");
        accounts.authenticate("olga", "operator-pass".toCharArray());
        for (int i = 0; i < Accounts.MAX_FAILED_TRIES; i++) {
            assertThatThrownBy(() -> accounts.authenticate("B-1", "guess".toCharArray())).isInstanceOf(AccountException.class);
        }
        assertThatThrownBy(() -> accounts.authenticate("olga", "operator-pass".toCharArray())).isInstanceOf(AccountException.class);
        accounts.unlock("olga", "ada");
        accounts.changePassword("olga", "operator-pass-2".toCharArray(), "ada");
        accounts.disable("olga", "ada");
        String typed = "\u0007x".repeat(40);
        assertThatThrownBy(() -> accounts.authenticate(typed, "whatever".toCharArray())).isInstanceOf(AccountException.class);
        assertThatThrownBy(() -> accounts.authenticate("   ", "whatever".toCharArray())).isInstanceOf(AccountException.class);

        assertThat(events()).containsExactly(
                new Event("os:root", "account.created", "ada", "{\"role\":\"admin\",\"displayName\":\"Ada A.\",\"badge\":false}"),
                new Event("ada", "account.created", "olga", "{\"role\":\"operator\",\"displayName\":\"Olga O.\",\"badge\":true}"),
                new Event("olga", "account.login", "olga", "{\"via\":\"user name\"}"),
                new Event("olga", "account.login-failed", "olga", "{\"reason\":\"wrong password\",\"failedTries\":1}"),
                new Event("olga", "account.login-failed", "olga", "{\"reason\":\"wrong password\",\"failedTries\":2}"),
                new Event("olga", "account.login-failed", "olga", "{\"reason\":\"wrong password\",\"failedTries\":3}"),
                new Event("olga", "account.login-failed", "olga", "{\"reason\":\"wrong password\",\"failedTries\":4}"),
                new Event("olga", "account.locked", "olga", "{\"failedTries\":5,\"lockedUntil\":\"2025-06-01T08:05:00.014Z\"}"),
                new Event("olga", "account.login-failed", "olga", "{\"reason\":\"locked\",\"lockedUntil\":\"2025-06-01T08:05:00.014Z\"}"),
                new Event("ada", "account.unlocked", "olga", "{\"wasLocked\":true,\"failedTries\":5}"),
                new Event("ada", "account.password-changed", "olga", "{}"),
                new Event("ada", "account.disabled", "olga", "{\"role\":\"operator\"}"),
                new Event("?x".repeat(32), "account.login-failed", "?x".repeat(32), "{\"reason\":\"unknown user name or badge\"}"),
                new Event("(empty)", "account.login-failed", "", "{\"reason\":\"unknown user name or badge\"}"));
        AuditVerification result = verifyAudit();
        assertThat(result.problems()).isEmpty();
        assertThat(result.rows()).isEqualTo(14);
        assertThat(result.checkpoints()).as("every 10th event is signed").isEqualTo(1);
    }

    @Test
    void aRefusedChangeLeavesNoEvent() throws Exception {
        create("ada", Role.ADMIN, "admin-pass");
        assertThatThrownBy(() -> create("ada", Role.ADMIN, "admin-pass")).isInstanceOf(AccountException.class);
        assertThatThrownBy(() -> accounts.unlock("nobody", "ada")).isInstanceOf(AccountException.class);
        assertThatThrownBy(() -> accounts.disable("ada", "ada")).isInstanceOf(AccountException.class);

        assertThat(events()).extracting(Event::action).containsExactly("account.created");
    }

    @Test
    void noPasswordReachesTheBatchLogOrTheLog() throws Exception {
        String[] passwords = {"Operator-Secret-1", "Supervisor-Secret-2", "Typed-Secret-3", "Changed-Secret-4"};
        accounts.create("olga", "Olga", Role.OPERATOR, passwords[0].toCharArray(), Optional.of("B-1"), ACTOR);
        accounts.create("sam", "Sam", Role.SUPERVISOR, passwords[1].toCharArray(), Optional.empty(), ACTOR);
        accounts.authenticate("olga", passwords[0].toCharArray());
        for (int i = 0; i < Accounts.MAX_FAILED_TRIES; i++) {
            assertThatThrownBy(() -> accounts.authenticate("sam", passwords[2].toCharArray()))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(passwords[2]));
        }
        clock.advance(Duration.ofMinutes(6));
        accounts.authenticate("sam", passwords[1].toCharArray());
        accounts.changePassword("olga", passwords[3].toCharArray(), "sam");
        Path file = dir.resolve("station.mv.db");
        db.close();
        db = null;

        for (String password : passwords) {
            for (var charset : new java.nio.charset.Charset[] {StandardCharsets.UTF_8, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE}) {
                byte[] needle = password.getBytes(charset);
                assertThat(SecretScan.contains(file, needle)).as(password + " in " + charset + " in the batch log").isFalse();
                assertThat(SecretScan.contains(SecretScan.TEST_LOG, needle)).as(password + " in the test log").isFalse();
            }
        }
        assertThat(SecretScan.contains(SecretScan.TEST_LOG, "account sam locked".getBytes(StandardCharsets.UTF_8)))
                .as("the lockout was logged, so the log was written").isTrue();
    }
}
