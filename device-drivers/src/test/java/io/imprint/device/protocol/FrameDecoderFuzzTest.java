package io.imprint.device.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Jazzer fuzzes the decoder with streams that mix raw bytes, valid frames, corrupted frames and
 * false headers, fed in fuzzer-chosen pieces. In the build it fuzzes for 20 s (a surefire execution
 * of its own sets JAZZER_FUZZ); elsewhere it replays its seeds in src/test/resources.
 */
class FrameDecoderFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void decoderSurvivesAnyStream(FuzzedDataProvider data) {
        FrameDecoder decoder = new FrameDecoder();
        ByteArrayOutputStream fed = new ByteArrayOutputStream();
        int[] matchedUpTo = {0};
        while (data.remainingBytes() > 0) {
            byte[] piece = piece(data);
            for (int at = 0; at < piece.length; ) {
                int n = data.consumeInt(1, piece.length - at);
                decoder.feed(piece, at, n);
                fed.write(piece, at, n);
                assertThat(decoder.bufferedBytes()).isLessThanOrEqualTo(FrameCodec.MAX_FRAME + n);
                drain(decoder, fed.toByteArray(), matchedUpTo);
                at += n;
            }
        }
        // No frame can be longer than MAX_FRAME, so after this much silence nothing may be left waiting.
        byte[] silence = new byte[FrameCodec.MAX_FRAME];
        decoder.feed(silence, 0, silence.length);
        fed.writeBytes(silence);
        drain(decoder, fed.toByteArray(), matchedUpTo);
        assertThat(decoder.bufferedBytes()).isZero();
    }

    private static byte[] piece(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 3)) {
            case 0 -> data.consumeBytes(data.consumeInt(0, 2 * FrameCodec.MAX_FRAME));
            case 1 -> FrameCodec.encode(frame(data));
            case 2 -> {
                byte[] wire = FrameCodec.encode(frame(data));
                wire[data.consumeInt(0, wire.length - 1)] ^= (byte) data.consumeInt(1, 255);
                yield wire;
            }
            default -> {
                byte[] header = Arrays.copyOf(new byte[] {(byte) 0xA5, 0x5A, 0x01}, FrameCodec.HEADER_LENGTH);
                byte[] rest = data.consumeBytes(FrameCodec.HEADER_LENGTH - 3);
                System.arraycopy(rest, 0, header, 3, rest.length);
                yield header;
            }
        };
    }

    private static Frame frame(FuzzedDataProvider data) {
        return new Frame(data.consumeInt(0, 255), data.consumeInt(0, 255),
                data.consumeBytes(data.consumeInt(0, FrameCodec.MAX_PAYLOAD)));
    }

    // Every decoded frame must lie, CRC and all, in the bytes fed, after the previous decoded frame.
    private static void drain(FrameDecoder decoder, byte[] fed, int[] matchedUpTo) {
        while (true) {
            DecodeResult r = decoder.poll();
            switch (r) {
                case DecodeResult.Decoded d -> {
                    byte[] wire = FrameCodec.encode(d.frame());
                    int at = indexOf(fed, wire, matchedUpTo[0]);
                    assertThat(at).as("decoded %s was never sent", d.frame()).isNotNegative();
                    matchedUpTo[0] = at + wire.length;
                }
                case DecodeResult.Error e -> assertThat(e.discardedBytes()).isEqualTo(1);
                case DecodeResult.Accumulating a -> {
                    assertThat(a.bufferedBytes()).isEqualTo(decoder.bufferedBytes()).isLessThan(FrameCodec.MAX_FRAME);
                    return;
                }
                case DecodeResult.Idle _ -> {
                    assertThat(decoder.bufferedBytes()).isZero();
                    return;
                }
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        for (int i = from; i <= haystack.length - needle.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
