package io.imprint.device.smp;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.device.serial.JSerialCommPort;
import io.imprint.device.transport.TransportException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The simulator as a board on the wire, driven with hand-made lines rather than SmpClient: the spec's echo
 * vector, and a request split into one-byte writes.
 */
class SmpSimulatorWireTest {

    @Test
    void theEchoVectorGetsItsReplyWithSeqAndVersionEchoed() throws Exception {
        try (SmpRig rig = new SmpRig(); JSerialCommPort port = rig.hostPort()) {
            port.open();
            port.write(SmpFramesTest.ECHO_LINE);

            SmpPacket reply = SmpPacket.decode(awaitPacket(port));
            assertThat(reply.header()).isEqualTo(new SmpHeader(SmpHeader.Op.WRITE_RSP, 0, 0, reply.header().dataLength(), 0, 0, 0));
            assertThat(reply.body()).isEqualTo(SmpCbor.object().put("r", "hello"));
        }
    }

    @Test
    void aRequestWrittenOneByteAtATimeIsAnswered() throws Exception {
        byte[] packet = SmpPacket.encode(SmpHeader.Op.READ, 1, FsRc.GROUP, 0x42, SmpClient.FS_FILE,
                SmpCbor.object().put("name", SmpOptions.defaults().deviceIdPath()).put("off", 0));
        try (SmpRig rig = new SmpRig(); JSerialCommPort port = rig.hostPort()) {
            port.open();
            byte[] wire = SmpFrames.encode(packet);
            for (int i = 0; i < wire.length; i++) {
                port.write(wire, i, 1);
            }

            SmpPacket reply = SmpPacket.decode(awaitPacket(port));
            assertThat(reply.header().seq()).isEqualTo(0x42);
            assertThat(reply.header().version()).isEqualTo(1);
            assertThat(reply.header().op()).isEqualTo(SmpHeader.Op.READ_RSP);
            assertThat(reply.body().get("len").asInt()).isEqualTo(SmpRig.DEVICE_ID.length() + 1);
            assertThat(new String(reply.body().get("data").binaryValue(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(SmpRig.DEVICE_ID + "\n");
        }
    }

    @Test
    void aCorruptRequestIsDroppedAndTheNextAnswered() throws Exception {
        byte[] bad = SmpFramesTest.ECHO_LINE.clone();
        bad[bad.length - 2] = (byte) 'w';
        try (SmpRig rig = new SmpRig(); JSerialCommPort port = rig.hostPort()) {
            port.open();
            port.write(bad);
            port.write(SmpFramesTest.ECHO_LINE);

            assertThat(SmpPacket.decode(awaitPacket(port)).body().get("r").asText()).isEqualTo("hello");
            assertThat(rig.board.requests()).as("the corrupt one never reached the handler").isEqualTo(1);
        }
    }

    /** The first whole packet the board sends, skipping its console text. */
    private static byte[] awaitPacket(JSerialCommPort port) throws TransportException {
        SmpDecoder decoder = new SmpDecoder();
        byte[] buffer = new byte[256];
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < deadline) {
            decoder.feed(buffer, 0, port.read(buffer, 0, buffer.length, Duration.ofMillis(100)));
            for (SmpDecodeResult r = decoder.poll(); ; r = decoder.poll()) {
                if (r instanceof SmpDecodeResult.Packet p) {
                    return p.packet();
                }
                assertThat(r).isNotInstanceOf(SmpDecodeResult.Error.class);
                if (r instanceof SmpDecodeResult.Idle || r instanceof SmpDecodeResult.Accumulating) {
                    break;
                }
            }
        }
        throw new AssertionError("no SMP reply within 3 s");
    }
}
