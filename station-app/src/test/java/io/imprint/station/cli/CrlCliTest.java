package io.imprint.station.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.ca.ceremony.CaDirectory;
import io.imprint.ca.testing.TestTokens;

import io.imprint.device.protocol.CredentialKind;
import io.imprint.device.sim.BoardFarm;
import io.imprint.device.sim.BoardProfile;
import io.imprint.device.sim.FaultMode;
import io.imprint.station.testing.Cli;
import io.imprint.station.testing.Cli.Run;
import java.io.IOException;


import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A certificate the station revokes in its batch log is in the CRL that {@code imprint crl} signs, as openssl reads it. */
class CrlCliTest {

    @TempDir
    Path dir;

    Run station(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dir.toString(), "--station-id", "line-4", "--user", "sam"));
        return Cli.imprint(all);
    }

    @Test
    void aCertificateSupersededByReprovisioningIsRevokedInTheCrlAndItsSuccessorIsNot() throws Exception {
        TestTokens.stationCa(dir, "line-4");
        CaDirectory ca = new CaDirectory(dir.resolve("ca"));
        assertThat(station("batch", "create", "--id", "WO-8", "--product", "Sensor S1", "--role", "telemetry", "--quantity", "5").exit()).isZero();
        assertThat(station("batch", "open", "WO-8").exit()).isZero();

        Path first;
        Path second;
        try (BoardFarm farm = new BoardFarm(dir.resolve("boards"), 1, BoardProfile.keygen(0, Duration.ZERO), FaultMode.NONE)) {
            String deviceId = farm.flash(0).deviceId();
            Run run = station("run", "--batch", "WO-8", "--ports", farm.socketLink(0).toString(), "--boards", "1");
            assertThat(run.exit()).as(run.err()).isZero();
            first = certificateOf(farm, "first.pem");

            // The board is reflashed (blank again) and a supervisor lets the station give it a new identity.
            assertThat(station("batch", "reprovision", "--device", deviceId).exit()).isZero();
            farm.replug(0, false);
            io.imprint.device.sim.Flash.reflash(farm.flashFile(0));
            farm.replug(0, false);
            Run again = station("run", "--batch", "WO-8", "--ports", farm.socketLink(0).toString(), "--boards", "1");
            assertThat(again.exit()).as(again.out() + again.err()).isZero();
            second = certificateOf(farm, "second.pem");
        }

        Path crl = dir.resolve("published.crl.pem");
        Run published = station("crl", "--out", crl.toString());
        assertThat(published.exit()).as(published.err()).isZero();
        assertThat(published.out()).contains("1 revoked by this station");
        assertThat(Files.readString(crl)).isEqualTo(Files.readString(ca.path().resolve("crl.pem")));

        assertThat(openssl("crl", "-in", crl.toString(), "-noout", "-text")).contains("Superseded");
        assertThat(verifyWithCrl(ca, crl, first)).contains("certificate revoked");
        assertThat(verifyWithCrl(ca, crl, second)).contains(second + ": OK");
    }

    private Path certificateOf(BoardFarm farm, String name) throws IOException {
        byte[] der = farm.flash(0).credentials().get(CredentialKind.DEVICE_CERT);
        Path pem = dir.resolve(name);
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END CERTIFICATE-----\n");
        return pem;
    }

    private static String verifyWithCrl(CaDirectory ca, Path crl, Path cert) throws Exception {
        return openssl("verify", "-crl_check", "-CAfile", ca.root().toString(), "-untrusted", ca.issuing().toString(), "-CRLfile", crl.toString(),
                cert.toString());
    }

    private static String openssl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return output;
    }
}
