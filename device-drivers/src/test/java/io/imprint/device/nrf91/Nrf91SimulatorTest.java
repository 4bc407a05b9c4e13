package io.imprint.device.nrf91;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator's own reading of commands, which the driver tests rely on. */
class Nrf91SimulatorTest {

    @Test
    void aQuotedPemKeepsItsNewlinesAndItsLastOne() {
        String pem = "-----BEGIN CERTIFICATE-----\nAB,CD\n-----END CERTIFICATE-----\n";
        byte[] bytes = ("AT%CMNG=0,16842753,1,\"" + pem + "\"\r\nAT\r\n").getBytes(StandardCharsets.US_ASCII);
        CommandLines.Splitter splitter = new CommandLines.Splitter();
        List<String> commands = splitter.feed(bytes, bytes.length);
        assertThat(commands).hasSize(2);
        assertThat(CommandLines.parameters(commands.get(0), "AT%CMNG=")).containsExactly("0", "16842753", "1", pem);
        assertThat(commands.get(1)).isEqualTo("AT");
    }
}
