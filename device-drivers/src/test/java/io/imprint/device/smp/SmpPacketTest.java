package io.imprint.device.smp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class SmpPacketTest {

    @Test
    void aHeaderRoundTripsWithVersionAndOpInByteZero() {
        SmpHeader header = new SmpHeader(SmpHeader.Op.READ_RSP, 1, 0, 0x1234, 8, 0xFE, 2);
        byte[] bytes = header.encode();

        assertThat(bytes).containsExactly(0x09, 0x00, 0x12, 0x34, 0x00, 0x08, 0xFE, 0x02);
        assertThat(SmpHeader.decode(bytes)).isEqualTo(header);
    }

    @Test
    void malformedHeadersAreRejected() {
        assertThatThrownBy(() -> SmpHeader.decode(new byte[7])).hasMessageContaining("shorter than its header");
        assertThatThrownBy(() -> SmpHeader.decode(new byte[] {(byte) 0x20, 0, 0, 0, 0, 0, 0, 0})).hasMessageContaining("reserved");
        assertThatThrownBy(() -> SmpHeader.decode(new byte[] {0x05, 0, 0, 0, 0, 0, 0, 0})).hasMessageContaining("op 5");
        byte[] lying = SmpPacket.encode(SmpHeader.Op.WRITE, 0, 0, 0, 0, SmpCbor.object().put("d", "x"));
        lying[3]++;
        assertThatThrownBy(() -> SmpPacket.decode(lying)).hasMessageContaining("body bytes");
    }

    @Test
    void aPacketRoundTripsWithByteStrings() {
        ObjectNode body = SmpCbor.object().put("off", 300).put("data", new byte[] {1, 2, 3}).put("name", "/lfs/a");
        byte[] packet = SmpPacket.encode(SmpHeader.Op.WRITE, 1, 8, 7, 0, body);

        SmpPacket back = SmpPacket.decode(packet);
        assertThat(back.header()).isEqualTo(new SmpHeader(SmpHeader.Op.WRITE, 1, 0, packet.length - 8, 8, 7, 0));
        assertThat(back.body()).isEqualTo(body);
        assertThat(back.body().get("data").isBinary()).isTrue();
    }

    @Test
    void v0AndV1ErrorsAreBothRead() {
        assertThat(SmpError.in(SmpCbor.object().put("rc", 0))).isEmpty();
        assertThat(SmpError.in(SmpCbor.object().put("r", "hello"))).isEmpty();
        assertThat(SmpError.in(SmpCbor.object().put("rc", 2))).contains(new SmpError.Mgmt(2));
        assertThat(new SmpError.Mgmt(2).code()).contains(SmpRc.NO_MEMORY);
        assertThat(new SmpError.Mgmt(99).name()).isEqualTo("rc 99");

        ObjectNode v1 = SmpCbor.object();
        v1.putObject("err").put("group", 8).put("rc", 14);
        assertThat(SmpError.in(v1)).contains(new SmpError.FileSystem(14));
        assertThat(new SmpError.FileSystem(14).describe()).isEqualTo("MOUNT_POINT_NOT_FOUND (file system group rc 14)");

        ObjectNode other = SmpCbor.object();
        other.putObject("err").put("group", 1).put("rc", 3);
        assertThat(SmpError.in(other)).contains(new SmpError.Group(1, 3));

        ObjectNode ok = SmpCbor.object();
        ok.putObject("err").put("group", 8).put("rc", 0);
        assertThat(SmpError.in(ok)).isEmpty();
    }

    @Test
    void codesAreZephyrs() {
        assertThat(SmpRc.ACCESS_DENIED.code()).isEqualTo(11);
        assertThat(SmpRc.of(7)).contains(SmpRc.MSG_SIZE);
        assertThat(FsRc.FILE_EMPTY.code()).isEqualTo(16);
        assertThat(FsRc.of(10)).contains(FsRc.FILE_WRITE_FAILED);
        assertThat(FsRc.of(17)).isEmpty();
    }

    @Test
    void theMountPointIsTheTopDirectory() {
        assertThat(SmpAdvice.mountPoint("/lfs/imprint/device.key")).isEqualTo("/lfs");
        assertThat(SmpAdvice.mountPoint("/sd")).isEqualTo("/sd");
        assertThat(SmpAdvice.mountPoint("device.key")).isEqualTo("device.key");
    }
}
