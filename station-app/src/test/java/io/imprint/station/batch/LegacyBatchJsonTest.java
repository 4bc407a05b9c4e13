package io.imprint.station.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import io.imprint.station.testing.LegacyJson;
import io.imprint.station.util.JsonText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch attributes and outbox payloads the hand-written {@code Json} stored read the same through Jackson. */
class LegacyBatchJsonTest {

    @TempDir
    Path dir;

    @Test
    void oldBatchAttributesReadBackAsTheyWereGiven() throws Exception {
        try (StationDatabase db = LegacyJson.openStation(dir); Connection c = db.connection()) {
            Batch batch = new BatchRepository().find(c, "WO-LEGACY").orElseThrow();
            assertThat(batch.cloud().attributes()).isEqualTo(Map.of("customer", "ACME \"Rockets\" GmbH", "path", "C:\\lines\\3",
                    "note", LegacyJson.TRICKY, "empty", ""));
            assertThat(batch.cloud().thingGroup()).contains("group-1");
        }
    }

    @Test
    void oldOutboxPayloadsParse() throws Exception {
        List<Map<String, Object>> payloads = new ArrayList<>();
        try (StationDatabase db = LegacyJson.openStation(dir); Connection c = db.connection();
             ResultSet rs = c.createStatement().executeQuery("SELECT payload FROM sync_outbox ORDER BY created_at")) {
            while (rs.next()) {
                payloads.add(JsonText.parseObject(rs.getString(1)));
            }
        }
        assertThat(payloads).hasSize(2);
        assertThat(payloads.get(0)).containsEntry("deviceId", "IMP-0001").containsEntry("serial", "0a1b");
        assertThat(payloads.get(0).get("attributes")).isEqualTo(Map.of("customer", "ACME \"Rockets\" GmbH", "path", "C:\\lines\\3",
                "note", LegacyJson.TRICKY, "empty", ""));
        assertThat(payloads.get(1)).isEqualTo(Map.of("deviceId", "IMP-0002", "serial", "0c", "reason", "superseded"));
    }

    @Test
    void oldTextsParseAndJacksonWritesTheSameValues() throws Exception {
        String old = Files.readAllLines(LegacyJson.file("old-json-texts.txt"), StandardCharsets.UTF_8).getFirst();
        Map<String, Object> back = JsonText.parseObject(old);
        assertThat(back).containsEntry("note", LegacyJson.TRICKY).containsEntry("n", 7).containsEntry("b", true).containsEntry("z", null);
        // Jackson's own escapes (\b, \f, upper-case hex) differ from the old text in bytes but not in value.
        String now = JsonText.of("note", LegacyJson.TRICKY, "n", 7, "b", true, "z", null);
        assertThat(now).isNotEqualTo(old);
        assertThat(JsonText.parseObject(now)).isEqualTo(back);
    }

    @Test
    void attributesThatAreNotAFlatObjectOfStringsAreAClearError() {
        assertThatThrownBy(() -> BatchRepository.attributes("WO-9", "{\"a\":1}")).isInstanceOf(StoreException.class)
                .hasMessage("batch WO-9 has unreadable attributes: attribute \"a\" is not a string");
        assertThatThrownBy(() -> BatchRepository.attributes("WO-9", "{\"a\":\"1\",\"a\":\"2\"}")).isInstanceOf(StoreException.class)
                .hasMessageContaining("batch WO-9 has unreadable attributes").hasMessageContaining("Duplicate field 'a'");
        assertThatThrownBy(() -> BatchRepository.attributes("WO-9", "{\"a\":\"1\"")).isInstanceOf(StoreException.class)
                .hasMessageContaining("batch WO-9 has unreadable attributes");
        assertThatThrownBy(() -> BatchRepository.attributes("WO-9", "{\"a\":null}")).isInstanceOf(StoreException.class)
                .hasMessage("batch WO-9 has unreadable attributes: attribute \"a\" is null");
    }
}
