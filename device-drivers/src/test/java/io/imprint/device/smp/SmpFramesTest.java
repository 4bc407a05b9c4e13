package io.imprint.device.smp;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.device.smp.SmpDecodeResult.Accumulating;
import io.imprint.device.smp.SmpDecodeResult.Error;
import io.imprint.device.smp.SmpDecodeResult.Idle;
import io.imprint.device.smp.SmpDecodeResult.Kind;
import io.imprint.device.smp.SmpDecodeResult.Packet;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SmpFramesTest {

    /** protocols.md §2: echo {"d":"hello"}, write, seq 0. */
    static final byte[] ECHO_PACKET = HexFormat.of().parseHex("0200000900000000a16164656865" + "6c6c6f");
    static final byte[] ECHO_LINE = concat(new byte[] {0x06, 0x09},
            "ABMCAAAJAAAAAKFhZGVoZWxsbyVv".getBytes(StandardCharsets.US_ASCII), new byte[] {0x0A});

    @Test
    void crcIsXmodem() {
        assertThat(SmpCrc.xmodem("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0x31C3);
        assertThat(SmpCrc.xmodem(ECHO_PACKET)).isEqualTo(0x256F);
    }

    @Test
    void theEchoVectorEncodesToItsPacketAndLine() {
        byte[] packet = SmpPacket.encode(SmpHeader.Op.WRITE, 0, 0, 0, 0, SmpCbor.object().put("d", "hello"));

        assertThat(HexFormat.of().formatHex(packet)).isEqualTo("02000009000000" + "00a16164656865" + "6c6c6f");
        assertThat(SmpFrames.encodeLines(packet)).singleElement().isEqualTo(ECHO_LINE);
        assertThat(SmpFrames.encode(packet)).isEqualTo(ECHO_LINE);
    }

    @Test
    void theEchoVectorDecodes() {
        SmpDecoder decoder = new SmpDecoder();
        decoder.feed(ECHO_LINE);

        assertThat(decoder.poll()).isEqualTo(new Packet(ECHO_PACKET));
        assertThat(decoder.poll()).isEqualTo(new Idle());
        SmpPacket packet = SmpPacket.decode(ECHO_PACKET);
        assertThat(packet.header()).isEqualTo(new SmpHeader(SmpHeader.Op.WRITE, 0, 0, 9, 0, 0, 0));
        assertThat(packet.body().get("d").asText()).isEqualTo("hello");
    }

    static Stream<byte[]> packets() {
        Random random = new Random(11);
        // Sizes around the 93 raw bytes one line carries, where the CRC rides along or gets a line of its own.
        return Stream.of(8, 17, 87, 88, 89, 90, 91, 92, 93, 180, 181, 182, 183, 184, 300, 1000)
                .map(size -> {
                    byte[] p = new byte[size];
                    random.nextBytes(p);
                    return p;
                });
    }

    @ParameterizedTest
    @MethodSource("packets")
    void everyLineIsMarkedShortAndDecodesOnItsOwn(byte[] packet) {
        List<byte[]> lines = SmpFrames.encodeLines(packet);

        assertThat(lines).allSatisfy(line -> {
            assertThat(line.length).isLessThanOrEqualTo(SmpFrames.MAX_LINE);
            assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
            java.util.Base64.getDecoder().decode(java.util.Arrays.copyOfRange(line, 2, line.length - 1));
        });
        assertThat(lines.getFirst()).startsWith(SmpFrames.START);
        assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l).startsWith(SmpFrames.CONTINUATION));
        byte[] lastRaw = java.util.Base64.getDecoder().decode(java.util.Arrays.copyOfRange(lines.getLast(), 2, lines.getLast().length - 1));
        assertThat(lastRaw.length).as("the CRC is never split").isGreaterThanOrEqualTo(2);
        SmpDecoder decoder = new SmpDecoder();
        decoder.feed(SmpFrames.encode(packet));
        assertThat(decoder.poll()).isEqualTo(new Packet(packet));
    }

    @ParameterizedTest
    @MethodSource("packets")
    void decodesAPacketSplitInTwoAtEveryByteBoundary(byte[] packet) {
        byte[] wire = SmpFrames.encode(packet);
        for (int cut = 0; cut <= wire.length; cut++) {
            SmpDecoder d = new SmpDecoder();
            List<SmpDecodeResult> results = new ArrayList<>();
            d.feed(wire, 0, cut);
            drain(d, results);
            d.feed(wire, cut, wire.length - cut);
            drain(d, results);

            assertThat(packetsIn(results)).as("cut at %d", cut).singleElement().isEqualTo(packet);
            assertThat(results).as("cut at %d", cut).noneMatch(r -> r instanceof Error);
            assertThat(d.poll()).isEqualTo(new Idle());
        }
    }

    @Test
    void fedOneByteAtATimeItAccumulatesFromTheMarkerOn() {
        byte[] packet = packets().toList().get(10);
        byte[] wire = SmpFrames.encode(packet);
        SmpDecoder d = new SmpDecoder();
        d.feed(wire, 0, 1);
        assertThat(d.poll()).as("one marker byte is not yet a packet").isEqualTo(new Idle());
        for (int i = 1; i < wire.length - 1; i++) {
            d.feed(wire, i, 1);
            assertThat(d.poll()).isInstanceOf(Accumulating.class);
        }
        d.feed(wire, wire.length - 1, 1);
        assertThat(d.poll()).isEqualTo(new Packet(packet));
        assertThat(d.errors()).isZero();
    }

    @Test
    void consoleTextAndNoiseBetweenLinesAndPacketsIsSkipped() {
        Random random = new Random(0x5A5);
        List<byte[]> sent = new ArrayList<>();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int i = 0; i < 40; i++) {
            byte[] packet = new byte[8 + random.nextInt(400)];
            random.nextBytes(packet);
            sent.add(packet);
            for (byte[] line : SmpFrames.encodeLines(packet)) {
                wire.writeBytes(noise(random));
                wire.writeBytes(line);
            }
        }
        wire.writeBytes("uart:~$ ".getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = wire.toByteArray();
        SmpDecoder d = new SmpDecoder();
        List<SmpDecodeResult> results = new ArrayList<>();
        for (int at = 0; at < bytes.length; ) {
            int n = Math.min(bytes.length - at, 1 + random.nextInt(300));
            d.feed(bytes, at, n);
            drain(d, results);
            at += n;
        }

        assertThat(packetsIn(results)).containsExactlyElementsOf(sent);
        assertThat(results).noneMatch(r -> r instanceof Error);
        assertThat(d.skippedBytes()).isPositive();
    }

    @Test
    void aBadCrcIsOneErrorAndTheNextPacketStillDecodes() {
        byte[] first = SmpFrames.encode(ECHO_PACKET);
        // The last base64 character before the newline carries the CRC's low bits.
        first[first.length - 2] = (byte) (first[first.length - 2] == 'v' ? 'w' : 'v');
        SmpDecoder d = new SmpDecoder();
        d.feed(first);
        d.feed(SmpFrames.encode(ECHO_PACKET));

        assertThat(d.poll()).isInstanceOfSatisfying(Error.class, e -> assertThat(e.kind()).isEqualTo(Kind.CRC));
        assertThat(d.poll()).isEqualTo(new Packet(ECHO_PACKET));
        assertThat(d.errors()).isEqualTo(1);
    }

    @Test
    void badBase64IsAnErrorAndTheDecoderResyncs() {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(new byte[] {0x06, 0x09});
        wire.writeBytes("ABMC*AAJ\n".getBytes(StandardCharsets.US_ASCII));
        wire.writeBytes(new byte[] {0x06, 0x09});
        wire.writeBytes("ABM\n".getBytes(StandardCharsets.US_ASCII));
        wire.writeBytes(ECHO_LINE);
        SmpDecoder d = new SmpDecoder();
        d.feed(wire.toByteArray());

        assertThat(d.poll()).isInstanceOfSatisfying(Error.class, e -> assertThat(e.kind()).isEqualTo(Kind.BASE64));
        assertThat(d.poll()).isInstanceOfSatisfying(Error.class, e -> assertThat(e.kind()).isEqualTo(Kind.BASE64));
        assertThat(d.poll()).isEqualTo(new Packet(ECHO_PACKET));
    }

    @Test
    void aLengthFieldThatDisagreesWithTheDataIsAnError() {
        SmpDecoder d = new SmpDecoder();
        // Announces 9 bytes: less than a header and a CRC.
        d.feed(line(SmpFrames.START, new byte[] {0x00, 0x09, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
        assertThat(d.poll()).isInstanceOfSatisfying(Error.class, e -> assertThat(e.kind()).isEqualTo(Kind.LENGTH));
        // Announces 12 bytes and carries 13.
        d.feed(line(SmpFrames.START, new byte[] {0x00, 0x0C, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}));
        assertThat(d.poll()).isInstanceOfSatisfying(Error.class, e -> assertThat(e.kind()).isEqualTo(Kind.LENGTH));
        // Over the decoder's limit.
        SmpDecoder small = new SmpDecoder(100);
        small.feed(line(SmpFrames.START, new byte[] {0x01, 0x00}));
        assertThat(small.poll()).isInstanceOfSatisfying(Error.class, e -> assertThat(e.kind()).isEqualTo(Kind.LENGTH));
    }

    @Test
    void aContinuationWithNoStartOrAPacketCutShortIsAnError() {
        SmpDecoder d = new SmpDecoder();
        d.feed(line(SmpFrames.CONTINUATION, new byte[] {1, 2, 3}));
        assertThat(d.poll()).isInstanceOfSatisfying(Error.class, e -> assertThat(e.kind()).isEqualTo(Kind.SEQUENCE));

        List<byte[]> lines = SmpFrames.encodeLines(new byte[300]);
        d.feed(lines.getFirst());
        d.feed(ECHO_LINE);
        assertThat(d.poll()).isInstanceOfSatisfying(Error.class, e -> assertThat(e.kind()).isEqualTo(Kind.SEQUENCE));
        assertThat(d.poll()).isEqualTo(new Packet(ECHO_PACKET));
        assertThat(d.errors()).isEqualTo(2);
    }

    @Test
    void anOverlongLineIsAnError() {
        SmpDecoder d = new SmpDecoder();
        byte[] line = new byte[200];
        java.util.Arrays.fill(line, (byte) 'A');
        line[0] = 0x06;
        line[1] = 0x09;
        d.feed(line);
        assertThat(d.poll()).isInstanceOfSatisfying(Error.class, e -> assertThat(e.kind()).isEqualTo(Kind.LENGTH));
        d.feed(new byte[] {'\n'});
        d.feed(ECHO_LINE);
        assertThat(d.poll()).isEqualTo(new Packet(ECHO_PACKET));
    }

    private static byte[] noise(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> new byte[0];
            case 1 -> "[00:00:01.250,000] <inf> main: sensor ready\r\n".getBytes(StandardCharsets.US_ASCII);
            case 2 -> "uart:~$ ".getBytes(StandardCharsets.US_ASCII);
            default -> {
                // Line noise, but never a marker's first byte.
                byte[] b = new byte[random.nextInt(20)];
                random.nextBytes(b);
                for (int i = 0; i < b.length; i++) {
                    if (b[i] == 0x06 || b[i] == 0x04) {
                        b[i] = 0x20;
                    }
                }
                yield b;
            }
        };
    }

    private static byte[] line(byte[] marker, byte[] raw) {
        return concat(marker, java.util.Base64.getEncoder().encode(raw), new byte[] {'\n'});
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static List<SmpDecodeResult> drain(SmpDecoder d, List<SmpDecodeResult> into) {
        for (SmpDecodeResult r = d.poll(); ; r = d.poll()) {
            into.add(r);
            if (r instanceof Idle || r instanceof Accumulating) {
                return into;
            }
        }
    }

    private static List<byte[]> packetsIn(List<SmpDecodeResult> results) {
        return results.stream().filter(r -> r instanceof Packet).map(r -> ((Packet) r).packet()).toList();
    }
}
