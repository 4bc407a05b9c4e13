package io.imprint.ca.ceremony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ceremony record is JSON whatever the names hold (the hand-built text broke on a newline or a control character). */
class CeremonyRecordTest {

    @Test
    void namesWithQuotesBackslashesAndControlCharactersReadBackAsWritten() throws Exception {
        String subject = "CN=Root \"A\"\\B\nO=Ünal 😀\u0001";
        String text = CeremonyRecord.write("2025-06-01T08:00:00Z", "op\"\\\t", "pkcs11:token=ca;object=root",
                List.of(new CeremonyRecord.Key("root", "root-ca", "EC", subject, "ab".repeat(32)),
                        new CeremonyRecord.Key("issuing", "issuing-ca", "EC", "CN=Issuing", "cd".repeat(32))));

        JsonNode back = CeremonyRecord.MAPPER.readTree(text);
        assertThat(text).endsWith("}\n").startsWith("{\n  \"ceremony\" : \"imprint ca init\"");
        assertThat(back.get("operator").asText()).isEqualTo("op\"\\\t");
        assertThat(back.at("/keys/0/subject").asText()).isEqualTo(subject);
        assertThat(back.at("/keys/1/role").asText()).isEqualTo("issuing");
        assertThat(back.at("/keys/1/certificateSha256").asText()).isEqualTo("cd".repeat(32));
    }

    @Test
    void readingIsStrict() {
        assertThatThrownBy(() -> CeremonyRecord.MAPPER.readTree("{\"time\":\"a\",\"time\":\"b\"}"))
                .isInstanceOf(JsonProcessingException.class).hasMessageContaining("Duplicate field 'time'");
        assertThatThrownBy(() -> CeremonyRecord.MAPPER.readTree("{\"time\":\"a\"} x")).isInstanceOf(JsonProcessingException.class);
    }
}
