package io.imprint.station.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void theStoredFormRoundTripsAndSaysHowItWasMade() {
        PasswordHash hash = PasswordHash.create("correct horse".toCharArray(), 1_234);

        String encoded = hash.encode();

        assertThat(encoded).matches("pbkdf2-sha256\\$1234\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        PasswordHash parsed = PasswordHash.parse(encoded);
        assertThat(parsed).isEqualTo(hash);
        assertThat(parsed.iterations()).isEqualTo(1_234);
        assertThat(parsed.salt()).hasSize(16);
        assertThat(parsed.matches("correct horse".toCharArray())).isTrue();
        assertThat(parsed.matches("correct horsE".toCharArray())).isFalse();
        assertThat(parsed.matches(new char[0])).isFalse();
        assertThat(parsed.toString()).doesNotContain(Base64.getEncoder().withoutPadding().encodeToString(parsed.hash()));
    }

    @Test
    void theHashIsPbkdf2HmacSha256AsRfc8018DefinesIt() throws Exception {
        PasswordHash hash = PasswordHash.create("correct horse".toCharArray(), 50);

        // One 32-byte block: T1 = U1 ^ ... ^ Uc, U1 = HMAC(P, S || INT(1)), Ui = HMAC(P, Ui-1), P as UTF-8.
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("correct horse".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(hash.salt());
        byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
        byte[] t = u.clone();
        for (int i = 2; i <= 50; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < t.length; j++) {
                t[j] ^= u[j];
            }
        }
        assertThat(hash.hash()).isEqualTo(t);
    }

    @Test
    void twoHashesOfOnePasswordDifferByTheirSalt() {
        PasswordHash a = PasswordHash.create("same password".toCharArray(), 1_000);
        PasswordHash b = PasswordHash.create("same password".toCharArray(), 1_000);

        assertThat(a.salt()).isNotEqualTo(b.salt());
        assertThat(a.encode()).isNotEqualTo(b.encode());
    }

    @Test
    void aDamagedOrForeignHashIsRefusedWithoutEchoingIt() {
        String good = PasswordHash.create("correct horse".toCharArray(), 1_000).encode();
        for (String bad : new String[] {null, "", "bcrypt$10$abc", good.replace("$1000$", "$0$"), good.replace("$1000$", "$x$"),
                good.substring(0, good.length() - 4), good + "$extra"}) {
            assertThatThrownBy(() -> PasswordHash.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(good.substring(20)));
        }
    }
}
