package io.imprint.ca.issue;

import io.imprint.ca.key.KeyUri;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CA contract with keys in a software PKCS#12 store. */
class SoftwareCertificateAuthorityTest extends CertificateAuthorityContract {

    @Override
    KeyUri prepareBackend(Path dir) throws Exception {
        Path pin = dir.resolve("store.pin");
        Files.writeString(pin, io.imprint.ca.testing.TestTokens.PIN + "\n");
        return KeyUri.parse("pkcs12:" + dir.resolve("ca.p12") + "?pin-source=file:" + pin);
    }
}
