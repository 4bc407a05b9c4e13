package io.imprint.station.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.device.family.Board;
import io.imprint.device.family.BoardFamily;
import io.imprint.device.family.Evidence;
import io.imprint.device.session.BoardException;
import io.imprint.device.session.BoardIdentity;
import io.imprint.device.session.LinkStats;
import io.imprint.station.batch.Strategy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where a board's key comes from (PROTOCOL.md §5): a board that can make its own key makes it, whatever
 * the batch's strategy expected; only a board that cannot is given one. A scripted board of logic only:
 * the wire is ProvisioningWorkflowTest's.
 */
class KeyMaterialTest {

    @Test
    void aBoardThatMakesKeysIsNeverInjectedEvenInAKeyInjectedBatch() throws Exception {
        ScriptedBoard both = new ScriptedBoard(true);
        new KeyMaterial(Strategy.KEY_INJECTED, both).csrFor("SN-1");
        assertThat(both.calls).containsExactly("generateKeyAndCsr SN-1");
    }

    @Test
    void aBoardThatCannotMakeKeysIsGivenOneAndItsCsrIsForItsId() throws Exception {
        ScriptedBoard injectOnly = new ScriptedBoard(false);
        byte[] csr = new KeyMaterial(Strategy.KEY_INJECTED, injectOnly).csrFor("SN-2");
        assertThat(injectOnly.calls).containsExactly("injectKey");
        assertThat(new org.bouncycastle.pkcs.PKCS10CertificationRequest(csr).getSubject().toString()).isEqualTo("CN=SN-2");
        assertThat(injectOnly.injected).as("the station's copy of the key is zeroed once sent").hasSizeGreaterThan(60).containsOnly(0);
    }

    @Test
    void anInjectionTheStationCancelsStillLeavesNoCopyOfTheKey() {
        ScriptedBoard injectOnly = new ScriptedBoard(false);
        injectOnly.cancel(); // the station stops while the key is on its way
        assertThatThrownBy(() -> new KeyMaterial(Strategy.KEY_INJECTED, injectOnly).csrFor("SN-3"))
                .isInstanceOfSatisfying(BoardException.class, e -> assertThat(e.reason()).isEqualTo(BoardException.Reason.CANCELLED));
        assertThat(injectOnly.injected).as("the station's copy of the key is zeroed though the board never took it").hasSizeGreaterThan(60).containsOnly(0);
    }

    /** A board that records what it was asked; its CSR is a placeholder the test never parses. */
    private static final class ScriptedBoard implements Board {
        final List<String> calls = new ArrayList<>();
        final boolean makesKeys;
        byte[] injected;
        boolean cancelled;

        ScriptedBoard(boolean makesKeys) {
            this.makesKeys = makesKeys;
        }

        @Override
        public BoardFamily family() {
            return BoardFamily.IMPRINT;
        }

        @Override
        public String port() {
            return "scripted";
        }

        @Override
        public BoardIdentity identify() {
            return new BoardIdentity("SN", new byte[0], "hw", "fw");
        }

        @Override
        public boolean makesOwnKey() {
            return makesKeys;
        }

        @Override
        public byte[] generateKeyAndCsr(String subjectCn) {
            calls.add("generateKeyAndCsr " + subjectCn);
            return new byte[] {0x30};
        }

        @Override
        public void injectKey(byte[] pkcs8) throws BoardException {
            calls.add("injectKey");
            injected = pkcs8; // the caller's array, to see what it leaves in it
            if (cancelled) {
                throw new BoardException(port(), BoardException.Reason.CANCELLED, "session cancelled");
            }
        }

        @Override
        public void install(byte[] certificateDer, List<byte[]> chainDer) {
        }

        @Override
        public Evidence verify(byte[] certificateDer, List<byte[]> chainDer) {
            return new Evidence.Nothing("scripted");
        }

        @Override
        public Progress progress() {
            return Progress.OPEN;
        }

        @Override
        public void lock() {
        }

        @Override
        public LinkStats stats() {
            return new LinkStats(0, 0, 0, 0, 0, 0);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public void close() {
        }
    }
}
