package io.imprint.ca.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyUriTest {

    @Test
    void parsesAnRfc7512UriWithPinSourceAndModule() {
        KeyUri uri = KeyUri.parse("pkcs11:token=station%20A;object=issuing-ca?pin-source=file:/etc/imprint/pin&module-path=/opt/hsm/lib.so");
        assertThat(uri).isEqualTo(new KeyUri.Pkcs11("station A", Optional.of("issuing-ca"), Path.of("/opt/hsm/lib.so"), Optional.of("file:/etc/imprint/pin")));
    }

    @Test
    void defaultsToTheSoftHsmModule() {
        KeyUri.Pkcs11 uri = (KeyUri.Pkcs11) KeyUri.parse("pkcs11:token=t");
        assertThat(uri.modulePath()).isEqualTo(Path.of(KeyUri.DEFAULT_MODULE));
        assertThat(uri.object()).isEmpty();
        assertThat(uri.withObject("root-ca").object()).contains("root-ca");
    }

    @Test
    void parsesASoftwareStore() {
        assertThat(KeyUri.parse("pkcs12:/var/lib/ca.p12;object=issuing-ca?pin-source=env:CA_PIN"))
                .isEqualTo(new KeyUri.Pkcs12(Path.of("/var/lib/ca.p12"), Optional.of("issuing-ca"), Optional.of("env:CA_PIN")));
    }

    @Test
    void refusesPinValueAndMalformedUris() {
        assertThatThrownBy(() -> KeyUri.parse("pkcs11:token=t?pin-value=1234"))
                .hasMessageContaining("pin-value is not accepted").hasMessageNotContaining("1234");
        assertThatThrownBy(() -> KeyUri.parse("pkcs11:object=x")).hasMessageContaining("names no token");
        assertThatThrownBy(() -> KeyUri.parse("file:/x")).hasMessageContaining("not supported");
        assertThatThrownBy(() -> KeyUri.parse("no-scheme")).hasMessageContaining("no scheme");
        assertThatThrownBy(() -> KeyUri.parse("pkcs11:token=a;token=b")).hasMessageContaining("twice");
        assertThatThrownBy(() -> KeyUri.parse("pkcs11:token")).hasMessageContaining("not name=value");
    }
}
