package io.imprint.ca.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.ca.key.KeyAlgorithm;
import java.io.StringReader;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CaConfigTest {

    static CaConfig parse(String text) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return CaConfig.parse(p, "test");
    }

    @Test
    void theDefaultsDefineTheThreeProfilesOfTheIssue() {
        CaConfig c = CaConfig.defaults();
        assertThat(c.profile("device").validity()).contains(Duration.ofDays(7300));
        assertThat(c.profile("device").sanUriPrefix()).contains("urn:imprint:device:");
        assertThat(c.profile("claim").validity()).contains(Duration.ofDays(30));
        assertThat(c.profile("bootstrap").validity()).contains(Duration.ofMinutes(5));
        assertThat(c.profile("device").ecCurves()).isEqualTo(Set.of("secp256r1", "secp384r1"));
        assertThat(c.profile("device").rsaEnabled()).isFalse();
        assertThat(c.issuingKeyType()).isEqualTo(KeyAlgorithm.EC_P256);
        assertThat(c.profile("device").organization()).contains("Imprint");
    }

    @Test
    void aConfigCanEnableRsaAddProfilesAndSayForever() throws Exception {
        CaConfig c = parse("""
                subject.organization = Acme
                profile.device.key-types = p256, rsa
                profile.device.rsa-min-bits = 3072
                profile.device.validity = forever
                profile.gateway.validity = P90D
                profile.gateway.san-uri-prefix =
                """);
        assertThat(c.profile("device").rsaMinBits()).isEqualTo(3072);
        assertThat(c.profile("device").ecCurves()).containsExactly("secp256r1");
        assertThat(c.profile("device").validity()).isEmpty();
        assertThat(c.profile("gateway").sanUriPrefix()).isEqualTo(Optional.empty());
        assertThat(c.profile("gateway").organization()).contains("Acme");
    }

    @Test
    void weakKeysCannotBeConfigured() {
        assertThatThrownBy(() -> parse("profile.device.key-types = rsa\nprofile.device.rsa-min-bits = 1024\n"))
                .hasMessageContaining("rsa-min-bits 1024 is below 2048");
        assertThatThrownBy(() -> parse("profile.device.key-types = p192\n")).hasMessageContaining("EC curve 'p192' is not allowed");
        assertThatThrownBy(() -> parse("profile.device.validity = -PT5M\n")).hasMessageContaining("validity must be positive");
        assertThatThrownBy(() -> parse("root.key-type = dsa\n")).hasMessageContaining("unknown key type 'dsa'");
        assertThatThrownBy(() -> CaConfig.defaults().profile("nope")).hasMessageContaining("no certificate profile 'nope'");
    }
}
