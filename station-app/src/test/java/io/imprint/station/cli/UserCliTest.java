package io.imprint.station.cli;

import static io.imprint.station.testing.Cli.imprint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.ca.testing.TestTokens;
import io.imprint.station.account.AccountException;
import io.imprint.station.account.Operator;
import io.imprint.station.account.Role;
import io.imprint.station.testing.Cli.Run;
import io.imprint.station.run.StationSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An admin manages the station's accounts from the command line: add, list, unlock, passwd, disable. */
class UserCliTest {

    @TempDir
    Path dir;

    Run user(String... args) {
        List<String> all = new ArrayList<>(List.of("user"));
        all.addAll(List.of(args));
        all.addAll(List.of("--data-dir", dir.toString(), "--station-id", "line-3"));
        return imprint(all);
    }

    Path passwordFile(String name, String password) throws Exception {
        return Files.writeString(dir.resolve(name), password + "\n");
    }

    @Test
    void anAdminAddsListsUnlocksAndDisablesAccounts() throws Exception {
        TestTokens.stationCa(dir, "line-3");

        Run add = user("add", "--name", "ada", "--display", "Ada Admin", "--role", "admin", "--password-file",
                passwordFile("ada.pw", "Admin-Secret-1").toString(), "--as", "os:root");
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.out()).isEqualTo("created admin ada (Ada Admin)\n");
        Run olga = user("add", "--name", "olga", "--display", "Olga O.", "--role", "Operator", "--badge", "B-1", "--password-file",
                passwordFile("olga.pw", "Operator-Secret-2").toString(), "--as", "ada");
        assertThat(olga.exit()).as(olga.err()).isZero();

        Run again = user("add", "--name", "OLGA", "--display", "Olga", "--role", "admin", "--password-file", dir.resolve("ada.pw").toString());
        assertThat(again.exit()).isEqualTo(3);
        assertThat(again.err()).isEqualTo("refused: the user name OLGA is already taken\n");
        Run tooShort = user("add", "--name", "tim", "--display", "Tim", "--role", "operator", "--password-file",
                passwordFile("tim.pw", "short").toString());
        assertThat(tooShort.exit()).isEqualTo(3);
        assertThat(tooShort.err()).isEqualTo("refused: the password must be at least 8 characters long\n");
        Run noConsole = user("add", "--name", "tim", "--display", "Tim", "--role", "operator");
        assertThat(noConsole.exit()).isEqualTo(2);
        assertThat(noConsole.err()).startsWith("no terminal to type the password at: give --password-file FILE");

        try (StationSetup st = StationSetup.open(dir, Optional.empty(), "line-3", w -> { })) {
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> st.accounts().authenticate("B-1", "guess-it".toCharArray())).isInstanceOf(AccountException.class);
            }
        }
        Run locked = user("list");
        assertThat(locked.exit()).as(locked.err()).isZero();
        assertThat(locked.out().lines()).hasSize(3);
        assertThat(locked.out().lines().filter(l -> l.startsWith("ada ") && l.contains(" admin ") && l.contains(" active ") && l.endsWith("Ada Admin")))
                .hasSize(1);
        assertThat(locked.out().lines().filter(l -> l.startsWith("olga ") && l.contains(" locked until ") && l.contains(" yes "))).hasSize(1);

        assertThat(user("unlock", "olga", "--as", "ada").out()).isEqualTo("olga is unlocked\n");
        assertThat(user("list").out()).doesNotContain("locked");
        assertThat(user("unlock", "nobody").err()).isEqualTo("refused: there is no account nobody\n");
        Run passwd = user("passwd", "olga", "--password-file", passwordFile("olga2.pw", "Operator-Secret-3").toString(), "--as", "ada");
        assertThat(passwd.exit()).as(passwd.err()).isZero();
        try (StationSetup st = StationSetup.open(dir, Optional.empty(), "line-3", w -> { })) {
            assertThat(st.accounts().authenticate("olga", "Operator-Secret-3".toCharArray())).isEqualTo(new Operator("olga", "Olga O.", Role.OPERATOR));
        }
        assertThat(user("disable", "olga", "--as", "ada").out()).isEqualTo("olga is disabled\n");
        assertThat(user("list").out().lines().filter(l -> l.startsWith("olga ") && l.contains(" disabled "))).hasSize(1);

        Run verify = imprint(List.of("audit", "verify", "--db", dir.resolve("station").toString()));
        assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
        for (String secret : List.of("Admin-Secret-1", "Operator-Secret-2", "Operator-Secret-3")) {
            assertThat(Files.readString(dir.resolve("station.mv.db"), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(secret);
        }
    }
}
