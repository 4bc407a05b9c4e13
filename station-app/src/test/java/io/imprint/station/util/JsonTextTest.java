package io.imprint.station.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void writesKeysInTheirOrderAndReadsThemBack() {
        String text = JsonText.of("z", "quote \" and \\ and \n", "a", 7, "nested", Map.of("k", true), "none", null);
        assertThat(text).startsWith("{\"z\":").contains("\"a\":7");
        Map<String, Object> back = JsonText.parseObject(text);
        assertThat(back.keySet()).containsExactly("z", "a", "nested", "none");
        assertThat(back.get("z")).isEqualTo("quote \" and \\ and \n");
        assertThat(back.get("a")).isEqualTo(7);
        assertThat(back.get("nested")).isEqualTo(Map.of("k", true));
        assertThat(back).containsKey("none");
        assertThat(back.get("none")).isNull();
    }

    @Test
    void refusesADuplicateKeyTrailingTextAndOddPairs() {
        assertThatThrownBy(() -> JsonText.parseObject("{\"a\":\"1\",\"a\":\"2\"}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Duplicate field 'a'");
        assertThatThrownBy(() -> JsonText.parseObject("{\"a\":1} {}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonText.parseObject("[1]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonText.of("a")).isInstanceOf(IllegalArgumentException.class);
    }
}
