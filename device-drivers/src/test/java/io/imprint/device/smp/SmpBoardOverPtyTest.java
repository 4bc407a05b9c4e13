package io.imprint.device.smp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.device.family.Board;
import io.imprint.device.family.BoardFamily;
import io.imprint.device.family.Evidence;
import io.imprint.device.session.BoardException;
import io.imprint.device.session.BoardException.Reason;
import io.imprint.device.session.BoardIdentity;
import io.imprint.device.session.LinkStats;
import io.imprint.device.session.OperatorAdvice;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** SmpBoard through jSerialComm on a real pty, against SmpSimulator on the other end. */
class SmpBoardOverPtyTest {

    static final SmpOptions OPTIONS = SmpOptions.defaults();
    static final byte[] CERT = bytes(612, 1);
    static final List<byte[]> CHAIN = List.of(bytes(701, 2), bytes(655, 3));

    @Test
    void aBoardIsIdentifiedGivenAKeyAndCertificatesVerifiedAndLocked() throws Exception {
        try (SmpRig rig = new SmpRig(); SmpBoard board = rig.open()) {
            assertThat(board.family()).isEqualTo(BoardFamily.SMP);
            assertThat(board.makesOwnKey()).isFalse();
            BoardIdentity id = board.identify();
            assertThat(id.deviceId()).isEqualTo(SmpRig.DEVICE_ID);
            assertThat(id.chipUid()).isEmpty();
            assertThat(id.firmwareVersion()).isEqualTo("unknown");

            byte[] pkcs8 = ecKey();
            byte[] sent = pkcs8.clone();
            board.injectKey(pkcs8);
            assertThat(pkcs8).as("the caller's key is wiped").containsOnly(0);
            assertThat(rig.board.file(OPTIONS.keyPath())).hasValueSatisfying(k -> assertThat(k).isEqualTo(sent));

            board.install(CERT, CHAIN);
            assertThat(rig.board.file(OPTIONS.certificatePath())).hasValueSatisfying(c -> assertThat(c).isEqualTo(CERT));
            assertThat(rig.board.file(OPTIONS.chainPath())).hasValueSatisfying(c -> assertThat(c).isEqualTo(concat(CHAIN)));
            assertThat(board.verify(CERT, CHAIN)).isEqualTo(new Evidence.ReadBack(true, ""));
            assertThat(board.progress()).isEqualTo(Board.Progress.OPEN);

            board.lock();
            assertThat(rig.board.resets()).isEqualTo(1);
            LinkStats stats = board.stats();
            assertThat(stats.bytesSent()).isGreaterThan(sent.length + CERT.length + concat(CHAIN).length);
            assertThat(stats.payloadSent()).isLessThan(stats.bytesSent());
            assertThat(stats.bytesReceived()).isGreaterThan(stats.payloadReceived()).isPositive();
            assertThat(stats.retries()).isZero();
            assertThat(stats.corruptFrames()).isZero();
        }
    }

    @Test
    void aSmallerMtuTakesMorePacketsAndStillRoundTrips() throws Exception {
        byte[] big = bytes(3000, 9);
        try (SmpRig rig = new SmpRig(96); SmpBoard board = rig.open(OPTIONS.withMtu(96))) {
            board.client().upload("/lfs/imprint/big.bin", big);
            assertThat(rig.board.file("/lfs/imprint/big.bin")).hasValueSatisfying(f -> assertThat(f).isEqualTo(big));
            assertThat(board.client().download("/lfs/imprint/big.bin")).isEqualTo(big);
            assertThat(board.client().sha256("/lfs/imprint/big.bin"))
                    .isEqualTo(java.security.MessageDigest.getInstance("SHA-256").digest(big));
            // Every packet fit the board's 96 bytes: an oversized one would have been answered with MSG_SIZE.
            assertThat(rig.board.requests()).isGreaterThan(3000 / 96);
        }
    }

    @Test
    void anEmptyFileUploads() throws Exception {
        try (SmpRig rig = new SmpRig(); SmpBoard board = rig.open()) {
            board.client().upload("/lfs/imprint/empty", new byte[0]);
            assertThat(rig.board.file("/lfs/imprint/empty")).hasValueSatisfying(f -> assertThat(f).isEmpty());
        }
    }

    @Test
    void verifySeesAStoredFileThatDiffersFromWhatWasSent() throws Exception {
        try (SmpRig rig = new SmpRig(); SmpBoard board = rig.open()) {
            rig.board.inject(new SmpFault.FlipStoredByte(OPTIONS.certificatePath()));
            board.injectKey(ecKey());
            board.install(CERT, CHAIN);

            Evidence evidence = board.verify(CERT, CHAIN);
            assertThat(evidence).isInstanceOfSatisfying(Evidence.ReadBack.class, r -> {
                assertThat(r.matches()).isFalse();
                assertThat(r.detail()).contains(OPTIONS.certificatePath()).doesNotContain(OPTIONS.keyPath())
                        .doesNotContain(OPTIONS.chainPath());
            });
        }
    }

    @Test
    void verifySaysWhatIsMissing() throws Exception {
        try (SmpRig rig = new SmpRig(); SmpBoard board = rig.open()) {
            Evidence evidence = board.verify(CERT, CHAIN);
            assertThat(evidence).isInstanceOfSatisfying(Evidence.ReadBack.class, r -> {
                assertThat(r.matches()).isFalse();
                assertThat(r.detail()).contains(OPTIONS.keyPath() + " is missing")
                        .contains(OPTIONS.certificatePath() + " is missing").contains(OPTIONS.chainPath() + " is missing");
            });
        }
    }

    @Test
    void aFailingFileSystemIsSaidInAnOperatorsWordsInEitherErrorStyle() throws Exception {
        try (SmpRig rig = new SmpRig(); SmpBoard board = rig.open()) {
            rig.board.inject(new SmpFault.FsError(FsRc.GROUP, SmpClient.FS_FILE, FsRc.FILE_WRITE_FAILED));
            byte[] key = ecKey();
            BoardException e = catchBoard(() -> board.injectKey(key));
            assertThat(key).as("wiped on failure too").containsOnly(0);
            assertThat(e.reason()).isEqualTo(Reason.BOARD_ERROR);
            assertThat(e.getMessage()).contains(rig.pair.slavePath()).contains("writing " + OPTIONS.keyPath())
                    .contains("FILE_WRITE_FAILED (file system group rc 10)").contains("The board's file system is full or failing");
            assertThat(e.advice()).contains(new OperatorAdvice("The board's file system is full or failing", "Set the board aside for repair"));

            rig.board.clearFaults();
            rig.board.inject(new SmpFault.RcError(FsRc.GROUP, SmpClient.FS_FILE, SmpRc.NO_MEMORY));
            BoardException v0 = catchBoard(() -> board.install(CERT, CHAIN));
            assertThat(v0.getMessage()).contains("NO_MEMORY (SMP rc 2)");
            assertThat(v0.advice()).contains(new OperatorAdvice("The board's file system is full or failing", "Set the board aside for repair"));
        }
    }

    @Test
    void aMissingMountPointNamesIt() throws Exception {
        SmpOptions sd = new SmpOptions(OPTIONS.deviceIdPath(), "/sd/device.key", OPTIONS.certificatePath(), OPTIONS.chainPath(), 256);
        try (SmpRig rig = new SmpRig(); SmpBoard board = rig.open(sd)) {
            byte[] key = ecKey();
            BoardException e = catchBoard(() -> board.injectKey(key));
            assertThat(e.reason()).isEqualTo(Reason.BOARD_ERROR);
            assertThat(e.getMessage()).contains("MOUNT_POINT_NOT_FOUND");
            assertThat(e.advice()).hasValueSatisfying(a -> {
                assertThat(a.problem()).isEqualTo("The board has no file system mounted at /sd");
                assertThat(a.nextAction()).contains("provisioning firmware");
            });
        }
    }

    @Test
    void aMissingDeviceIdFileIsSaidInEitherErrorStyle() throws Exception {
        SmpOptions elsewhere = new SmpOptions("/lfs/imprint/no_id", OPTIONS.keyPath(), OPTIONS.certificatePath(), OPTIONS.chainPath(), 256);
        try (SmpRig rig = new SmpRig(); SmpBoard board = rig.open(elsewhere)) {
            BoardException v1 = catchBoard(board::identify);
            assertThat(v1.getMessage()).contains("reading /lfs/imprint/no_id").contains("FILE_NOT_FOUND");
            assertThat(v1.advice()).hasValueSatisfying(a -> assertThat(a.problem()).isEqualTo("The board has no file /lfs/imprint/no_id"));

            rig.board.errorStyle(SmpSimulator.ErrorStyle.V0);
            BoardException v0 = catchBoard(board::identify);
            assertThat(v0.getMessage()).contains("NO_ENTRY (SMP rc 5)");
            assertThat(v0.advice()).isEqualTo(v1.advice());
        }
    }

    @Test
    void aBoardWithoutSha256IsUnsupported() throws Exception {
        try (SmpRig rig = new SmpRig(); SmpBoard board = rig.open()) {
            board.install(CERT, CHAIN);
            rig.board.inject(new SmpFault.FsError(FsRc.GROUP, SmpClient.FS_HASH, FsRc.CHECKSUM_HASH_NOT_FOUND));
            BoardException e = catchBoard(() -> board.verify(CERT, CHAIN));
            assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED);
            assertThat(e.advice()).hasValueSatisfying(a -> assertThat(a.problem()).contains("cannot compute SHA-256"));
        }
    }

    @Test
    void packetsOverTheBoardsMtuGetMsgSize() throws Exception {
        try (SmpRig rig = new SmpRig(128); SmpBoard board = rig.open()) {
            BoardException e = catchBoard(() -> board.install(CERT, CHAIN));
            assertThat(e.getMessage()).contains("MSG_SIZE (SMP rc 7)");
            assertThat(e.advice()).hasValueSatisfying(a -> assertThat(a.nextAction()).contains("Lower the SMP MTU"));
        }
    }

    @Test
    void boardsCannotMakeKeys() throws Exception {
        try (SmpRig rig = new SmpRig(); SmpBoard board = rig.open()) {
            BoardException e = catchBoard(() -> board.generateKeyAndCsr("zb-000417"));
            assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED);
            assertThat(e.advice()).isPresent();
        }
    }

    @Test
    void aBoardThatStopsAnsweringTimesOut() throws Exception {
        try (SmpRig rig = new SmpRig(); SmpBoard board = rig.open()) {
            rig.board.inject(new SmpFault.Silent());
            long start = System.nanoTime();
            BoardException e = catchBoard(board::identify);
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
            assertThat(e.getMessage()).contains("reading " + OPTIONS.deviceIdPath()).contains("after 2 tries");
            assertThat(e.advice()).hasValueSatisfying(a -> assertThat(a.problem()).isEqualTo("The board does not answer MCUmgr SMP commands"));
            assertThat(millis).as("two tries of about 200 ms").isBetween(300L, 3000L);
            assertThat(board.stats().retries()).isEqualTo(1);
        }
    }

    @Test
    void aCorruptReplyIsAskedForAgain() throws Exception {
        try (SmpRig rig = new SmpRig(); SmpBoard board = rig.open()) {
            rig.board.inject(new SmpFault.CorruptCrcOnce());
            assertThat(board.identify().deviceId()).isEqualTo(SmpRig.DEVICE_ID);
            assertThat(board.stats().retries()).isEqualTo(1);
            assertThat(board.stats().corruptFrames()).isEqualTo(1);

            rig.board.inject(new SmpFault.CorruptCrcOnce());
            board.install(CERT, CHAIN);
            assertThat(rig.board.file(OPTIONS.certificatePath())).hasValueSatisfying(c -> assertThat(c).isEqualTo(CERT));
            assertThat(board.verify(CERT, CHAIN)).isInstanceOfSatisfying(Evidence.ReadBack.class,
                    r -> assertThat(r.detail()).doesNotContain(OPTIONS.certificatePath()));
            assertThat(board.stats().retries()).isEqualTo(2);
        }
    }

    @Test
    void anUnpluggedBoardIsDisconnected() throws Exception {
        try (SmpRig rig = new SmpRig(); SmpBoard board = rig.open()) {
            rig.close();
            BoardException e = catchBoard(board::identify);
            assertThat(e.reason()).isEqualTo(Reason.DISCONNECTED);
            assertThat(e.getMessage()).contains("re-seat the board");
        }
    }

    @Test
    void aProbeTellsAnSmpBoardFromOneThatIsNot() throws Exception {
        try (SmpRig rig = new SmpRig()) {
            var port = rig.hostPort();
            try {
                assertThat(SmpBoard.probe(port, java.time.Duration.ofMillis(500))).isTrue();
                rig.board.inject(new SmpFault.Silent());
                assertThat(SmpBoard.probe(port, java.time.Duration.ofMillis(200))).isFalse();
                assertThat(port.isOpen()).as("the probe leaves the port to its owner").isTrue();
            } finally {
                port.close();
            }
        }
    }

    @Test
    void aCancelledCallEndsAsCancelled() throws Exception {
        try (SmpRig rig = new SmpRig(); SmpBoard board = rig.open()) {
            rig.board.inject(new SmpFault.Silent());
            Thread.ofPlatform().start(() -> {
                // Cancel once the board has the request in hand, so the call is surely blocked in its read.
                long deadline = System.nanoTime() + 2_000_000_000L;
                while (rig.board.requests() < 2 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                board.cancel();
            });
            BoardException e = catchBoard(board::identify);
            assertThat(e.reason()).isEqualTo(Reason.CANCELLED);
        }
    }

    interface BoardCall {
        void run() throws BoardException;
    }

    static BoardException catchBoard(BoardCall call) {
        try {
            call.run();
        } catch (BoardException e) {
            return e;
        }
        throw new AssertionError("expected a BoardException");
    }

    static byte[] ecKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair().getPrivate().getEncoded();
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] concat(List<byte[]> parts) {
        return SmpFramesTest.concat(parts.toArray(byte[][]::new));
    }

}
