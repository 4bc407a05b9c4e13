package io.imprint.ca.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Editing a profile in ca.conf's text: in place, comments kept, and never into a config the CA cannot read. */
class ProfileEditTest {

    private static final String TEMPLATE = CaConfig.defaultFileText();

    @Test
    void aChangedSettingIsRewrittenInPlaceAndEverythingElseStays() throws IOException {
        String changed = ProfileEdit.apply(TEMPLATE, "device", Map.of("validity", "P3650D", "key-types", "p256"));

        assertThat(changed.lines().filter(l -> l.startsWith("profile.device.validity"))).containsExactly("profile.device.validity = P3650D");
        assertThat(changed.lines().filter(l -> l.startsWith("profile.device.key-types"))).containsExactly("profile.device.key-types = p256");
        assertThat(changed.lines().filter(l -> l.startsWith("#")).toList()).isEqualTo(TEMPLATE.lines().filter(l -> l.startsWith("#")).toList());
        assertThat(changed.lines().count()).isEqualTo(TEMPLATE.lines().count());
        CertificateProfile device = parse(changed).profile("device");
        assertThat(device.validity()).hasValue(Duration.ofDays(3650));
        assertThat(device.ecCurves()).containsExactly("secp256r1");
        assertThat(parse(changed).profile("claim")).isEqualTo(CaConfig.defaults().profile("claim"));
    }

    @Test
    void aNewSettingGoesAfterItsProfilesLinesAndABlankSanPrefixMeansNoSan() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("san-uri-prefix", "urn:acme:claim:");
        String withPrefix = ProfileEdit.apply(TEMPLATE, "claim", values);
        var lines = withPrefix.lines().toList();
        assertThat(lines.get(lines.indexOf("profile.claim.san-uri-prefix = urn:acme:claim:") - 1)).startsWith("profile.claim.");
        assertThat(parse(withPrefix).profile("claim").sanUriPrefix()).hasValue("urn:acme:claim:");

        String withoutPrefix = ProfileEdit.apply(TEMPLATE, "device", Map.of("san-uri-prefix", ""));
        assertThat(withoutPrefix.lines().filter(l -> l.startsWith("profile.device.san-uri-prefix"))).containsExactly("profile.device.san-uri-prefix = ");
        assertThat(parse(withoutPrefix).profile("device").sanUriPrefix()).isEqualTo(Optional.empty());

        String newProfile = ProfileEdit.apply("", "gateway", Map.of("validity", "forever"));
        assertThat(parse(newProfile).profile("gateway").validity()).isEmpty();
    }

    @Test
    void badValuesAreRefusedWithWhatIsExpected() {
        assertThatThrownBy(() -> ProfileEdit.apply(TEMPLATE, "device", Map.of("validity", "ten years")))
                .hasMessage("device validity 'ten years': expected a positive ISO-8601 duration such as P365D or PT5M, or 'forever'");
        assertThatThrownBy(() -> ProfileEdit.apply(TEMPLATE, "device", Map.of("validity", "PT0S"))).hasMessageContaining("positive");
        assertThatThrownBy(() -> ProfileEdit.apply(TEMPLATE, "device", Map.of("validity", " "))).hasMessage("device validity needs a value");
        assertThatThrownBy(() -> ProfileEdit.apply(TEMPLATE, "device", Map.of("key-types", "p192"))).hasMessageContaining("comma list of p256, p384 and rsa");
        assertThatThrownBy(() -> ProfileEdit.apply(TEMPLATE, "device", Map.of("rsa-min-bits", "1024"))).hasMessageContaining("at least 2048");
        assertThatThrownBy(() -> ProfileEdit.apply(TEMPLATE, "device", Map.of("extensions", "ca:true"))).hasMessageContaining("no setting 'extensions'");
        assertThatThrownBy(() -> ProfileEdit.apply(TEMPLATE, "device", Map.of("validity", "P1D\nkey.uri = pkcs11:evil"))).hasMessageContaining("one line");
        assertThatThrownBy(() -> ProfileEdit.apply(TEMPLATE, "Device X", Map.of("validity", "P1D"))).hasMessageContaining("lower-case");
    }

    private static CaConfig parse(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return CaConfig.parse(p, "test");
    }
}
