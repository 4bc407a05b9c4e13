package io.imprint.station.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.ca.issue.IssueRequest;
import io.imprint.ca.testing.TestCsrs;
import io.imprint.ca.testing.TestTokens;
import io.imprint.ca.testing.TokenPull;
import io.imprint.station.account.AccountException;
import io.imprint.station.account.Role;
import io.imprint.station.store.Sql;
import io.imprint.station.store.Transactions;
import java.nio.file.Path;
import java.security.Signature;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unlocking the HSM again mid-shift ({@link StationUnlock#again}) on a SoftHSM token pulled and put
 * back: who may, what a refusal leaves, and that every key the station uses — the CA's, the audit
 * trail's — signs again afterwards.
 * The token stays for the class (SoftHSM reads its configuration once per JVM); the batch log is new per test.
 */
class StationUnlockAgainTest {

    @TempDir
    static Path token;

    /** A fresh data directory per test: the CA directory copied in, a new batch log. */
    @TempDir
    Path dataDir;

    Unlocked station;
    TokenPull hsm;

    @BeforeAll
    static void tokenAndCa() throws Exception {
        TestTokens.stationCa(token, "station");
    }

    @BeforeEach
    void openStation() throws Exception {
        TestTokens.copyCaDirectory(token.resolve("ca"), dataDir.resolve("ca"));
        station = new StationUnlock(dataDir, Optional.empty(), "again-test", w -> { })
                .unlock("ada", "admin-password".toCharArray(), TestTokens.STATION_PIN.toCharArray());
        station.accounts().create("olu", "Olu Operator", Role.OPERATOR, "op-password".toCharArray(), Optional.empty(), "ada");
        hsm = new TokenPull(TokenPull.tokensDir(TestTokens.conf(token)), dataDir.resolve("pulled"));
    }

    @AfterEach
    void close() throws Exception {
        hsm.close();
        station.setup().close();
    }

    @Test
    void afterThePullAndTheNewLoginTheCaAndTheAuditKeySignAgain() throws Exception {
        hsm.pull();
        assertThatThrownBy(this::issue).as("the CA cannot sign while the HSM is gone").isInstanceOf(io.imprint.ca.CaException.class);
        hsm.putBack();

        assertThat(StationUnlock.again(station, "ada", "admin-password".toCharArray(), TestTokens.STATION_PIN.toCharArray()).username()).isEqualTo("ada");

        assertThat(issue().deviceId()).isEqualTo("dev-1");
        byte[] data = "chain head".getBytes();
        var audit = station.setup().stationSigner();
        Signature check = Signature.getInstance(audit.algorithm());
        check.initVerify(audit.publicKey());
        check.update(data);
        assertThat(check.verify(audit.sign(data))).as("the audit trail's key in the same token follows the new login").isTrue();
        assertThat(unlockedAgainEvents("ada")).isEqualTo(1);
    }

    @Test
    void anOperatorMayNotUnlockTheHsmAndAWrongPinIsRefusedNotRetried() throws Exception {
        hsm.pull();
        hsm.putBack();
        assertThatThrownBy(() -> StationUnlock.again(station, "olu", "op-password".toCharArray(), TestTokens.STATION_PIN.toCharArray()))
                .isInstanceOf(AccountException.class);
        assertThatThrownBy(() -> StationUnlock.again(station, "ada", "admin-password".toCharArray(), "00000000".toCharArray()))
                .isInstanceOf(StationUnlock.WrongPinException.class)
                .hasMessage("Wrong PIN — the HSM refused it. Not retried: the HSM locks after a few wrong PINs.");
        assertThatThrownBy(this::issue).as("neither refusal brought the keys back").isInstanceOf(io.imprint.ca.CaException.class);
        assertThat(unlockedAgainEvents("olu") + unlockedAgainEvents("ada")).isZero();
    }

    private io.imprint.ca.issue.IssuedCertificate issue() throws Exception {
        return station.setup().station().ca().issue(IssueRequest.of(TestCsrs.ec("dev-1"), "dev-1", "device"));
    }

    private long unlockedAgainEvents(String actor) throws Exception {
        return Transactions.inTransaction(station.setup().station().db(),
                tx -> Sql.count(tx, "SELECT COUNT(*) FROM audit_events WHERE action = 'station.unlocked-again' AND actor = ?", actor));
    }
}
