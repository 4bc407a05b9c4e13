package io.imprint.ca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's start command, until the station UI lands: a demo CA, one certificate, openssl's OK. */
class CaDemoCommandTest {

    @TempDir
    Path dir;

    String demo() {
        StringWriter out = new StringWriter();
        var cli = CaCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        int exit = cli.execute("demo", "--dir", dir.toString());
        assertThat(exit).as(out.toString()).isZero();
        return out.toString();
    }

    @Test
    void theDemoIssuesAVerifiedCertificateAndReusesItsCaOnTheNextRun() throws Exception {
        String first = demo();
        assertThat(first).contains("demo CA created").contains("openssl verify: " + dir.resolve("devices/SN-DEMO-000001.pem") + ": OK");
        String second = demo();
        assertThat(second).doesNotContain("demo CA created").contains("SN-DEMO-000002.pem: OK");
        assertThat(Files.list(dir.resolve("devices")).filter(p -> p.toString().endsWith("key.pem"))).isEmpty();
        assertThat(Files.getPosixFilePermissions(dir.resolve("demo-token.pin")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }
}
