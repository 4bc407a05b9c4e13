package io.imprint.station.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The chain's fixed encoding: its documented vector, and the hand-written time text against the formatter it replaced. */
class ChainEncodingTest {

    static final DateTimeFormatter FORMATTER = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void theDocumentedEventHashesToTheDocumentedValue() {
        assertThat(ChainEncoding.eventHash(1, Instant.parse("2025-01-02T03:04:05.000006Z"), "st-1", "alice", "batch.open", "WO-1", "{}",
                ChainEncoding.GENESIS)).isEqualTo("4015e2b6707a17cd1c7867490cbe1c8e03b664b0079f244b737c260de5acdee9");
    }

    @Test
    void timeTextIsTheFormattersForEveryInstant() {
        Random random = new Random(7);
        long[] edges = {0, 1, 86_399, 951_782_400 /* 2000-02-29 */, 253_402_300_799L, 253_402_300_800L, -1, -62_167_219_200L};
        for (long s : edges) {
            for (int nanos : new int[] {0, 999, 1000, 999_999_999}) {
                Instant t = Instant.ofEpochSecond(s, nanos);
                assertThat(ChainEncoding.time(t)).as(t.toString()).isEqualTo(FORMATTER.format(ChainEncoding.truncate(t)));
            }
        }
        for (int i = 0; i < 100_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(-100_000_000_000L, 300_000_000_000L), random.nextInt(1_000_000_000));
            assertThat(ChainEncoding.time(t)).isEqualTo(FORMATTER.format(ChainEncoding.truncate(t)));
        }
    }
}
