package io.imprint.device.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.device.protocol.BoardState;
import io.imprint.device.protocol.Capability;
import io.imprint.device.protocol.CredentialKind;
import io.imprint.device.protocol.ErrorCode;
import io.imprint.device.protocol.KeyType;
import io.imprint.device.serial.JSerialCommPort;
import io.imprint.device.serial.SerialSettings;
import io.imprint.device.sim.BoardFarm;
import io.imprint.device.sim.BoardProfile;
import io.imprint.device.sim.FaultMode;
import io.imprint.device.transport.PortIdentity;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Four virtual boards on real ptys, driven through jSerialComm at 115200 baud, provisioned at once. */
class ProvisioningOverPtyTest {

    static final int BAUD = 115200;

    @TempDir
    Path dir;

    static BoardSession open(String port) throws BoardException {
        return open(port, LinkTiming.standard(BAUD));
    }

    static BoardSession open(String port, LinkTiming timing) throws BoardException {
        return BoardSession.open(new JSerialCommPort(PortIdentity.ofPath(port), SerialSettings.of(BAUD)), timing);
    }

    /** The whole flow for one board; returns its certificate. */
    static X509Certificate provision(String port, TestCa ca) throws Exception {
        return provision(port, ca, LinkTiming.standard(BAUD));
    }

    static X509Certificate provision(String port, TestCa ca, LinkTiming timing) throws Exception {
        try (BoardSession session = open(port, timing)) {
            assertThat(session.capabilities()).contains(Capability.KEYGEN_ON_DEVICE);
            BoardIdentity id = session.identify();
            byte[] csr = session.generateKeyAndCsr(id.deviceId(), KeyType.EC_P256);
            X509Certificate cert = ca.sign(csr);
            session.install(Credentials.device(cert.getEncoded(), ca.chain()));
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature verify = Signature.getInstance("SHA256withECDSA");
            verify.initVerify(cert.getPublicKey());
            verify.update(challenge);
            assertThat(verify.verify(session.proveKey(challenge))).as("board proves it holds the certified key").isTrue();
            session.lock();
            assertThat(session.status().state()).isEqualTo(BoardState.LOCKED);
            return cert;
        }
    }

    @Test
    void fourBoardsAreProvisionedAtOnceAndKeepTheirStateAcrossARePlug() throws Exception {
        TestCa ca = new TestCa();
        try (BoardFarm farm = new BoardFarm(dir, 4, BoardProfile.keygen(BAUD, Duration.ofMillis(50)), FaultMode.NONE);
             ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<X509Certificate>> futures = new ArrayList<>();
            for (String port : farm.portPaths()) {
                futures.add(pool.submit(() -> provision(port, ca)));
            }
            List<X509Certificate> certs = new ArrayList<>();
            for (Future<X509Certificate> f : futures) {
                certs.add(f.get());
            }
            assertThat(certs.stream().map(c -> c.getSubjectX500Principal().getName()).distinct()).hasSize(4);
            for (int i = 0; i < 4; i++) {
                assertThat(certs.get(i).getSubjectX500Principal().getName()).isEqualTo("CN=" + farm.flash(i).deviceId());
                assertThat(farm.flash(i).credentials()).containsKeys(CredentialKind.DEVICE_CERT, CredentialKind.CA_CHAIN);
                assertThat(farm.flash(i).credentials().get(CredentialKind.DEVICE_CERT)).isEqualTo(certs.get(i).getEncoded());
            }
            String again = farm.replug(0, false);
            try (BoardSession session = open(again)) {
                assertThat(session.identify().deviceId()).isEqualTo(farm.flash(0).deviceId());
                assertThat(session.status().state()).isEqualTo(BoardState.LOCKED);
                assertThatThrownBy(() -> session.generateKeyAndCsr("X", KeyType.EC_P256))
                        .isInstanceOfSatisfying(BoardException.class, e -> {
                            assertThat(e.reason()).isEqualTo(BoardException.Reason.BOARD_ERROR);
                            assertThat(e.boardError()).contains(ErrorCode.LOCKED);
                        });
            }
        }
    }

    @Test
    void aBoardThatCannotMakeKeysTakesAnInjectedKeyAndProvesIt() throws Exception {
        try (BoardFarm farm = new BoardFarm(dir, 1, BoardProfile.injection(BAUD), FaultMode.NONE);
             BoardSession session = open(farm.portPath(0))) {
            assertThat(session.capabilities()).containsExactly(Capability.KEY_INJECTION);
            assertThatThrownBy(() -> session.generateKeyAndCsr("x", KeyType.EC_P256))
                    .isInstanceOfSatisfying(BoardException.class, e -> assertThat(e.reason()).isEqualTo(BoardException.Reason.UNSUPPORTED));
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            var pair = g.generateKeyPair();
            byte[] pkcs8 = pair.getPrivate().getEncoded();
            session.injectKey(KeyType.EC_P256, pkcs8);
            assertThat(pkcs8).as("the station's copy is wiped").containsOnly(0);
            byte[] challenge = new byte[16];
            Signature verify = Signature.getInstance("SHA256withECDSA");
            verify.initVerify(pair.getPublic());
            verify.update(challenge);
            assertThat(verify.verify(session.proveKey(challenge))).isTrue();
        }
    }
}
