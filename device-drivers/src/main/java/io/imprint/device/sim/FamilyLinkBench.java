package io.imprint.device.sim;

import io.imprint.device.family.Board;
import io.imprint.device.family.BoardFamily;
import io.imprint.device.family.Boards;
import io.imprint.device.family.Evidence;
import io.imprint.device.family.FamilySettings;
import io.imprint.device.nrf91.Nrf91Fixture;
import io.imprint.device.serial.JSerialCommPort;
import io.imprint.device.serial.SerialSettings;
import io.imprint.device.session.LinkStats;
import io.imprint.device.session.LinkTiming;
import io.imprint.device.smp.SmpFixture;
import io.imprint.device.smp.SmpOptions;
import io.imprint.device.transport.PortIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Link efficiency per board family at one baud rate: one board at a time provisioned through the family
 * interface (identify, key or CSR, device certificate and a two-certificate chain, verify, lock), counting
 * every byte both ways on the wire against the useful bytes (the CSR or injected key, the certificate, the
 * chain). The link minimum is the wire bytes at 10 bits a byte over the baud rate; key generation is not in
 * it. Imprint's virtual boards pace their replies to the baud rate; the nRF91 and SMP simulators answer as
 * fast as the pty does, so their times show the station's side only and the link minimum is the number
 * that compares.
 *
 * <p>Not thread-safe; one run at a time.
 */
public final class FamilyLinkBench {

    /** One family's averages per board. */
    public record Row(String what, int sessions, double wireBytes, double usefulBytes, double linkMinimumMs, double actualMs) {
        public double overhead() {
            return wireBytes / usefulBytes;
        }
    }

    private FamilyLinkBench() {
    }

    public static List<Row> run(Path dir, int baud, int rounds) throws Exception {
        KeyPair ca = LinkBench.ecKey();
        byte[] caCert = LinkBench.certificate(ca, ca.getPublic().getEncoded(), "CN=Bench Issuing CA");
        List<byte[]> chain = List.of(caCert, LinkBench.certificate(ca, ca.getPublic().getEncoded(), "CN=Bench Root CA"));
        List<Row> rows = new ArrayList<>();
        try (BoardFarm keygen = new BoardFarm(dir.resolve("imprint-keygen"), 1, BoardProfile.keygen(baud, Duration.ZERO), FaultMode.NONE)) {
            rows.add(measure("Imprint, key made on the board", BoardFamily.IMPRINT, rounds, baud, ca, chain, keygen::portPath, i -> keygen.replug(0, true)));
        }
        try (BoardFarm injected = new BoardFarm(dir.resolve("imprint-injected"), 1, BoardProfile.injection(baud), FaultMode.NONE)) {
            rows.add(measure("Imprint, key injected", BoardFamily.IMPRINT, rounds, baud, ca, chain, injected::portPath, i -> injected.replug(0, true)));
        }
        try (SimulatorFarm<?> nrf = new SimulatorFarm<>(dir.resolve("nrf91"), 1, new Nrf91Fixture())) {
            rows.add(measure("nRF91 AT, key made in the modem", BoardFamily.NRF91, rounds, baud, ca, chain, nrf::portPath, i -> nrf.replug(0, true)));
        }
        try (SimulatorFarm<?> smp = new SimulatorFarm<>(dir.resolve("smp"), 1, new SmpFixture(SmpOptions.defaults()))) {
            rows.add(measure("Zephyr SMP, key injected", BoardFamily.SMP, rounds, baud, ca, chain, smp::portPath, i -> smp.replug(0, true)));
        }
        return rows;
    }

    private interface Port {
        String path(int socket);
    }

    private interface Replug {
        void replug(int socket) throws Exception;
    }

    private static Row measure(String what, BoardFamily family, int rounds, int baud, KeyPair ca, List<byte[]> chain, Port port, Replug replug) throws Exception {
        double wire = 0;
        double useful = 0;
        double actual = 0;
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            try (Board board = Boards.open(family, new JSerialCommPort(PortIdentity.ofPath(port.path(0)), SerialSettings.of(baud)),
                    LinkTiming.standard(baud), FamilySettings.of(family))) {
                String id = board.identify().deviceId();
                byte[] spki;
                long moved;
                if (board.makesOwnKey()) {
                    byte[] csr = board.generateKeyAndCsr(id);
                    spki = new PKCS10CertificationRequest(csr).getSubjectPublicKeyInfo().getEncoded();
                    moved = csr.length;
                } else {
                    KeyPair key = LinkBench.ecKey();
                    byte[] pkcs8 = key.getPrivate().getEncoded();
                    moved = pkcs8.length;
                    board.injectKey(pkcs8);
                    spki = key.getPublic().getEncoded();
                }
                byte[] cert = LinkBench.certificate(ca, spki, "CN=" + id);
                board.install(cert, chain);
                Evidence shown = board.verify(cert, chain);
                if (!(shown instanceof Evidence.KeySignature) && !(shown instanceof Evidence.ReadBack(boolean ok, String d) && ok)) {
                    throw new IllegalStateException(what + ": the board did not show its certificate");
                }
                board.lock();
                actual += (System.nanoTime() - start) / 1e6;
                LinkStats s = board.stats();
                wire += s.bytesSent() + s.bytesReceived();
                useful += moved + cert.length + chain.stream().mapToInt(c -> c.length).sum();
            }
            replug.replug(0);
        }
        return new Row(what, rounds, wire / rounds, useful / rounds, wire / rounds * 10_000.0 / baud, actual / rounds);
    }

    /** The table docs/PERFORMANCE.md shows. */
    public static String table(List<Row> rows, int baud) {
        StringBuilder out = new StringBuilder("| family at " + baud + " baud | wire bytes per board | useful bytes | wire / useful | link minimum | measured over a pty |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            out.append(String.format(java.util.Locale.ROOT, "| %s | %.0f | %.0f | %.2f | %.0f ms | %.0f ms |%n",
                    r.what(), r.wireBytes(), r.usefulBytes(), r.overhead(), r.linkMinimumMs(), r.actualMs()));
        }
        return out.toString();
    }
}
