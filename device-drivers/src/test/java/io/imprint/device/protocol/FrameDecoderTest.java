package io.imprint.device.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.device.protocol.DecodeResult.Accumulating;
import io.imprint.device.protocol.DecodeResult.Decoded;
import io.imprint.device.protocol.DecodeResult.Error;
import io.imprint.device.protocol.DecodeResult.Idle;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    private final FrameDecoder decoder = new FrameDecoder();

    static Stream<Frame> representativeFrames() {
        byte[] full = new byte[FrameCodec.MAX_PAYLOAD];
        new Random(7).nextBytes(full);
        byte[] syncInside = {0x10, (byte) 0xA5, 0x5A, 0x01, 0x02, 0x03, 0x00, 0x00, 0x05, (byte) 0xA5, 0x5A};
        byte[] startsLikeAFrame = FrameCodec.encode(new Frame(0x01, 0x02, new byte[] {1, 2, 0}));
        return Stream.of(
                new Frame(0x0B, 0x01, new byte[0]),
                new Frame(0x81, 0x01, ProtocolVectors.hex("010200010200")),
                new Frame(0xFF, 0xFF, ProtocolVectors.hex("0800")),
                new Frame(0x06, 0x00, full),
                new Frame(0x86, 0x7F, syncInside),
                new Frame(0xA5, 0x5A, startsLikeAFrame),
                new Frame(0x5A, 0xA5, new byte[] {(byte) 0xA5}));
    }

    @ParameterizedTest
    @MethodSource("representativeFrames")
    void decodesAFrameSplitInTwoAtEveryByteBoundary(Frame frame) {
        byte[] wire = FrameCodec.encode(frame);
        for (int cut = 0; cut <= wire.length; cut++) {
            FrameDecoder d = new FrameDecoder();
            List<DecodeResult> results = new ArrayList<>();
            d.feed(wire, 0, cut);
            drain(d, results);
            d.feed(wire, cut, wire.length - cut);
            drain(d, results);

            assertThat(decoded(results)).as("cut at %d", cut).containsExactly(frame);
            assertThat(results).as("cut at %d", cut).noneMatch(r -> r instanceof Error);
            assertThat(d.bufferedBytes()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("representativeFrames")
    void decodesAFrameFedOneByteAtATime(Frame frame) {
        byte[] wire = FrameCodec.encode(frame);
        for (int i = 0; i < wire.length - 1; i++) {
            decoder.feed(wire, i, 1);
            // From the sync byte on, every byte is part of the frame, and the decoder says how many it holds.
            assertThat(decoder.poll()).isEqualTo(new Accumulating(i + 1));
        }
        decoder.feed(wire, wire.length - 1, 1);

        assertThat(decoder.poll()).isEqualTo(new Decoded(frame));
        assertThat(decoder.poll()).isEqualTo(new Idle());
        assertThat(decoder.droppedBytes()).isZero();
    }

    @Test
    void decodesBackToBackFramesFromOneFeed() {
        List<Frame> frames = representativeFrames().toList();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        frames.forEach(f -> wire.writeBytes(FrameCodec.encode(f)));

        feed(wire.toByteArray());

        assertThat(decoded(drain(decoder, new ArrayList<>()))).containsExactlyElementsOf(frames);
    }

    @Test
    void garbageBetweenFramesNeverLosesAFrameNorInventsOne() {
        Random random = new Random(0x1A5A5);
        for (int round = 0; round < 300; round++) {
            FrameDecoder d = new FrameDecoder();
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            List<Frame> sent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                wire.writeBytes(garbage(random));
                Frame f = randomFrame(random);
                sent.add(f);
                wire.writeBytes(FrameCodec.encode(f));
            }
            // A false header in the garbage may claim up to MAX_FRAME bytes: this much silence settles it.
            wire.writeBytes(new byte[FrameCodec.MAX_FRAME]);
            List<DecodeResult> results = new ArrayList<>();
            byte[] bytes = wire.toByteArray();
            for (int at = 0; at < bytes.length; ) {
                int n = Math.min(bytes.length - at, 1 + random.nextInt(700));
                d.feed(bytes, at, n);
                assertThat(d.bufferedBytes()).isLessThanOrEqualTo(FrameCodec.MAX_FRAME + n);
                drain(d, results);
                at += n;
            }

            assertThat(decoded(results)).as("round %d", round).containsExactlyElementsOf(sent);
            assertThat(d.droppedBytes()).isPositive();
            assertThat(d.bufferedBytes()).isZero();
        }
    }

    @Test
    void aCorruptCrcIsOneErrorAndTheNextFrameStillDecodes() {
        Frame first = new Frame(0x81, 1, ProtocolVectors.hex("010200010200"));
        Frame second = new Frame(0x82, 2, ProtocolVectors.hex("0141"));
        byte[] bad = FrameCodec.encode(first);
        bad[bad.length - 1] ^= 0x01;

        feed(bad);
        feed(FrameCodec.encode(second));
        List<DecodeResult> results = drain(decoder, new ArrayList<>());

        assertThat(results).hasSize(3);
        assertThat(results.get(0)).isInstanceOfSatisfying(Error.class, e -> {
            assertThat(e.reason()).contains("CRC");
            assertThat(e.discardedBytes()).isEqualTo(1);
        });
        assertThat(results.get(1)).isEqualTo(new Decoded(second));
        assertThat(results.get(2)).isEqualTo(new Idle());
        assertThat(decoder.crcErrors()).isEqualTo(1);
        // The rest of the bad frame after its first sync byte is noise.
        assertThat(decoder.droppedBytes()).isEqualTo(bad.length - 1);
    }

    @Test
    void aLengthOverTheMaximumIsAnErrorAtOnceAndResyncFindsTheNextFrame() {
        Frame second = new Frame(0x8A, 9, ProtocolVectors.hex("0200"));
        byte[] bad = FrameCodec.encode(new Frame(0x0A, 8, new byte[0]));
        bad[6] = 0x02;
        bad[7] = 0x01;

        feed(bad);
        feed(FrameCodec.encode(second));
        List<DecodeResult> results = drain(decoder, new ArrayList<>());

        assertThat(results.get(0)).isInstanceOfSatisfying(Error.class, e -> assertThat(e.reason()).contains("513"));
        assertThat(decoded(results)).containsExactly(second);
        assertThat(decoder.crcErrors()).isZero();
    }

    @Test
    void aLengthCorruptedUpwardsSwallowsTheNextFrameUntilTheCrcFailsThenResyncFindsIt() {
        Frame second = new Frame(0x8A, 9, ProtocolVectors.hex("0200"));
        Frame third = new Frame(0x8B, 10, new byte[0]);
        byte[] bad = FrameCodec.encode(new Frame(0x0A, 8, ProtocolVectors.hex("aabb")));
        bad[7] = 0x0C;

        feed(bad);
        feed(FrameCodec.encode(second));
        feed(FrameCodec.encode(third));
        List<DecodeResult> results = drain(decoder, new ArrayList<>());

        assertThat(results.get(0)).isInstanceOfSatisfying(Error.class, e -> assertThat(e.reason()).contains("CRC"));
        assertThat(decoded(results)).containsExactly(second, third);
        assertThat(decoder.crcErrors()).isEqualTo(1);
    }

    @Test
    void aWrongVersionOrNonzeroFlagsIsAnErrorAsSoonAsTheByteArrives() {
        feed(ProtocolVectors.hex("a55a02"));
        assertThat(decoder.poll()).isInstanceOfSatisfying(Error.class,
                e -> assertThat(e.reason()).contains("version 0x02"));

        feed(ProtocolVectors.hex("a55a01010180"));
        assertThat(decoder.poll()).isInstanceOfSatisfying(Error.class,
                e -> assertThat(e.reason()).contains("flags 0x80"));
        assertThat(decoder.poll()).isEqualTo(new Idle());
    }

    @Test
    void aFalseSyncPairInFrontOfARealFrameCostsOneError() {
        Frame frame = new Frame(0x01, 3, ProtocolVectors.hex("010200"));

        feed(ProtocolVectors.hex("a55a"));
        feed(FrameCodec.encode(frame));
        List<DecodeResult> results = drain(decoder, new ArrayList<>());

        assertThat(results).hasSize(3);
        assertThat(results.get(0)).isInstanceOf(Error.class);
        assertThat(results.get(1)).isEqualTo(new Decoded(frame));
        assertThat(decoder.droppedBytes()).isEqualTo(1);
    }

    @Test
    void noiseIsDroppedAndCountedButALastSyncByteIsKept() {
        feed(ProtocolVectors.hex("00115aa5a5"));

        assertThat(decoder.poll()).isEqualTo(new Accumulating(1));
        assertThat(decoder.droppedBytes()).isEqualTo(4);
        assertThat(decoder.bufferedBytes()).isEqualTo(1);
    }

    @Test
    void aHugeFeedOfNoiseIsDrainedCompletely() {
        byte[] noise = new byte[100_000];
        Arrays.fill(noise, (byte) 0x5A);

        feed(noise);

        assertThat(decoder.poll()).isEqualTo(new Idle());
        assertThat(decoder.droppedBytes()).isEqualTo(noise.length);
        assertThat(decoder.bufferedBytes()).isZero();
    }

    @Test
    void resetDropsAPartialFrame() {
        byte[] wire = FrameCodec.encode(new Frame(0x01, 1, ProtocolVectors.hex("010200")));
        decoder.feed(wire, 0, 5);

        decoder.reset();

        assertThat(decoder.poll()).isEqualTo(new Idle());
        assertThat(decoder.droppedBytes()).isEqualTo(5);
    }

    private void feed(byte[] bytes) {
        decoder.feed(bytes, 0, bytes.length);
    }

    /** Polls until the decoder needs bytes; returns {@code into} with the final Idle/Accumulating. */
    static List<DecodeResult> drain(FrameDecoder d, List<DecodeResult> into) {
        DecodeResult r;
        do {
            r = d.poll();
            into.add(r);
        } while (r instanceof Decoded || r instanceof Error);
        return into;
    }

    static List<Frame> decoded(List<DecodeResult> results) {
        return results.stream().filter(r -> r instanceof Decoded).map(r -> ((Decoded) r).frame()).toList();
    }

    private static Frame randomFrame(Random random) {
        byte[] payload = new byte[random.nextInt(4) == 0 ? random.nextInt(FrameCodec.MAX_PAYLOAD + 1) : random.nextInt(24)];
        random.nextBytes(payload);
        return new Frame(random.nextInt(256), random.nextInt(256), payload);
    }

    // Plain noise, sync pairs, and false headers (right version and flags) that claim a length.
    private static byte[] garbage(Random random) {
        ByteArrayOutputStream g = new ByteArrayOutputStream();
        int pieces = random.nextInt(4);
        for (int i = 0; i < pieces; i++) {
            switch (random.nextInt(4)) {
                case 0 -> g.writeBytes(new byte[] {(byte) 0xA5, 0x5A});
                case 1 -> g.writeBytes(new byte[] {(byte) 0xA5, 0x5A, 0x01, (byte) random.nextInt(256),
                        (byte) random.nextInt(256), 0x00, (byte) random.nextInt(3), (byte) random.nextInt(256)});
                case 2 -> g.write(0xA5);
                default -> {
                    byte[] noise = new byte[random.nextInt(300)];
                    random.nextBytes(noise);
                    g.writeBytes(noise);
                }
            }
        }
        return g.toByteArray();
    }
}
