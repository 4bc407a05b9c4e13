package io.imprint.station.sync.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.station.audit.MemoryChainSigner;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The formats' rules on their own: DPS registration ids, formula cells, JWS signature encoding. */
class ExportFormatsTest {

    @Test
    void registrationIdsFollowDpsRules() {
        assertThat(AzureDpsExport.validRegistrationId("S1-000042")).isTrue();
        assertThat(AzureDpsExport.validRegistrationId("a:b.c_d-e")).isTrue();
        assertThat(AzureDpsExport.validRegistrationId("x".repeat(128))).isTrue();
        assertThat(AzureDpsExport.validRegistrationId("x".repeat(129))).isFalse();
        assertThat(AzureDpsExport.validRegistrationId("-S1")).isFalse();
        assertThat(AzureDpsExport.validRegistrationId("S1.")).isFalse();
        assertThat(AzureDpsExport.validRegistrationId("S 1")).isFalse();
        assertThat(AzureDpsExport.validRegistrationId("S1/2")).isFalse();
        assertThat(AzureDpsExport.validRegistrationId("")).isFalse();
        assertThat(AzureDpsExport.validRegistrationId("7")).isTrue();
    }

    @Test
    void csvCellsThatASpreadsheetWouldRunAreNeutralised() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CsvExport csv = new CsvExport(bytes)) {
            csv.add(new ExportDevice("=HYPERLINK(\"http://x\")", "+41", "@rev", "-1.0", "ab", "PEM", "00", Instant.EPOCH, Instant.EPOCH));
        }
        String text = bytes.toString(StandardCharsets.UTF_8).substring(1); // the BOM
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text)).getRecords();
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().get("device_id")).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(rows.getFirst().get("chip_uid")).isEqualTo("'+41");
        assertThat(rows.getFirst().get("hardware_revision")).isEqualTo("'@rev");
        assertThat(rows.getFirst().get("firmware_version")).isEqualTo("'-1.0");
    }

    @Test
    void derSignaturesBecomeRawRsThatVerifyAsP1363() throws Exception {
        MemoryChainSigner signer = new MemoryChainSigner();
        JwsSigning jws = new JwsSigning(signer);
        for (int i = 0; i < 50; i++) { // short r or s (leading zero bytes) come up about once in 128
            String input = "header.payload" + i;
            byte[] raw = java.util.Base64.getUrlDecoder().decode(jws.sign(input));
            assertThat(raw).hasSize(64);
            Signature p1363 = Signature.getInstance("SHA256withECDSAinP1363Format");
            p1363.initVerify(signer.publicKey());
            p1363.update(input.getBytes(StandardCharsets.US_ASCII));
            assertThat(p1363.verify(raw)).isTrue();
        }
    }
}
