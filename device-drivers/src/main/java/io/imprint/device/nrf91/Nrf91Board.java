package io.imprint.device.nrf91;

import io.imprint.device.family.Board;
import io.imprint.device.family.BoardFamily;
import io.imprint.device.family.Evidence;
import io.imprint.device.session.BoardException;
import io.imprint.device.session.BoardIdentity;
import io.imprint.device.session.CsrCheck;
import io.imprint.device.session.LinkStats;
import io.imprint.device.session.LinkTiming;
import io.imprint.device.session.OperatorAdvice;
import io.imprint.device.transport.Transport;
import io.imprint.device.transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A Nordic nRF91 modem as a {@link Board}: the modem makes its key in the batch's sec_tag (%KEYGEN) and
 * keeps the device certificate (type 1) and CA chain (type 0) there (%CMNG). Verify is a read-back: the
 * modem's SHA-256 of each stored item against the PEM the station wrote. Lock does nothing: a modem has
 * no lock; the board is left offline (CFUN=4) for whoever powers it next.
 *
 * <p>Not thread-safe, as {@link Board}.
 */
public final class Nrf91Board implements Board {

    private final Transport transport;
    private final Nrf91Modem modem;
    private final int secTag;

    private Nrf91Board(Transport transport, Nrf91Modem modem, int secTag) {
        this.transport = transport;
        this.modem = modem;
        this.secTag = secTag;
    }

    /** Opens the transport and takes the modem offline, where its credentials can change. */
    public static Nrf91Board open(Transport transport, LinkTiming timing, Nrf91Options options) throws BoardException {
        String port = transport.identity().path();
        try {
            transport.open();
        } catch (TransportException e) {
            transport.close();
            OperatorAdvice advice = new OperatorAdvice("The station cannot open the modem's port", Nrf91Failures.RETRY);
            throw new BoardException(port, BoardException.Reason.DISCONNECTED, "cannot open port: " + e.getMessage(), advice);
        }
        Nrf91Modem modem = new Nrf91Modem(transport, timing);
        try {
            modem.offline();
        } catch (BoardException | RuntimeException e) {
            transport.close();
            throw e;
        }
        return new Nrf91Board(transport, modem, options.secTag());
    }

    /**
     * Whether something on {@code transport} answers {@code AT} with OK within {@code wait}; never throws. A
     * line break goes first: another family's probe may have left bytes without one in the modem's line
     * buffer, which it answers ERROR to, so only an OK decides.
     */
    public static boolean probe(Transport transport, Duration wait) {
        try {
            transport.open();
            transport.write("\r\nAT\r\n".getBytes(StandardCharsets.US_ASCII));
            AtLines lines = new AtLines();
            byte[] buffer = new byte[256];
            long deadline = System.nanoTime() + wait.toNanos();
            for (long left = wait.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                lines.feed(buffer, 0, transport.read(buffer, 0, buffer.length, Duration.ofNanos(left)));
                for (Optional<AtLine> line = lines.poll(); line.isPresent(); line = lines.poll()) {
                    if (line.get() instanceof AtLine.Ok) {
                        return true;
                    }
                }
            }
            return false;
        } catch (TransportException e) {
            return false;
        }
    }

    /** The modem's own commands, for what only this family does. */
    public Nrf91Modem modem() {
        return modem;
    }

    public int secTag() {
        return secTag;
    }

    @Override
    public BoardFamily family() {
        return BoardFamily.NRF91;
    }

    @Override
    public String port() {
        return modem.port();
    }

    /** {@code nrf-<IMEI>}, the 16 bytes of %DEVICEUUID (empty without it), AT+CGMM, AT+CGMR. */
    @Override
    public BoardIdentity identify() throws BoardException {
        String imei = modem.imei();
        byte[] uid = modem.deviceUuid().map(Nrf91Board::bytes).orElse(new byte[0]);
        return new BoardIdentity("nrf-" + imei, uid, modem.model(), modem.firmware());
    }

    @Override
    public boolean makesOwnKey() {
        return true;
    }

    /**
     * %KEYGEN with {@code CN=subjectCn}. A key already in the sec_tag (519) with no client certificate
     * beside it is what an interrupted run leaves: it is deleted and a new one made. With a certificate
     * beside it the board was provisioned before, and that is the operator's call, not ours.
     */
    @Override
    public byte[] generateKeyAndCsr(String subjectCn) throws BoardException {
        String attributes = "CN=" + subjectCn;
        Optional<byte[]> csr = modem.keygenUnlessHeld(secTag, attributes);
        if (csr.isEmpty()) {
            if (modem.list(secTag).containsKey(Nrf91Modem.CLIENT_CERT)) {
                throw modem.keyHeld(secTag, attributes);
            }
            modem.delete(secTag, Nrf91Modem.CLIENT_KEY);
            csr = Optional.of(modem.keygen(secTag, attributes));
        }
        CsrCheck.check(port(), csr.get(), subjectCn);
        return csr.get();
    }

    /** Deletes the sec_tag's client certificate, CA chain and key: a modem refuses a new key beside a certificate. */
    @Override
    public void clearUnfinished() throws BoardException {
        Map<Integer, String> held = modem.list(secTag);
        for (int type : List.of(Nrf91Modem.CLIENT_CERT, Nrf91Modem.ROOT_CA, Nrf91Modem.CLIENT_KEY)) {
            if (held.containsKey(type)) {
                modem.delete(secTag, type);
            }
        }
    }

    @Override
    public void injectKey(byte[] pkcs8) throws BoardException {
        Arrays.fill(pkcs8, (byte) 0);
        throw new BoardException(port(), BoardException.Reason.UNSUPPORTED, "nRF91 modems make their own keys",
                new OperatorAdvice("nRF91 modems make their own keys", "Set the batch to on-board key generation"));
    }

    /** Device certificate as type 1, the chain (issuing CA first) concatenated as type 0; no chain, no type 0. */
    @Override
    public void install(byte[] certificateDer, List<byte[]> chainDer) throws BoardException {
        modem.writeCredential(secTag, Nrf91Modem.CLIENT_CERT, Pem.certificate(certificateDer));
        if (!chainDer.isEmpty()) {
            modem.writeCredential(secTag, Nrf91Modem.ROOT_CA, Pem.certificates(chainDer));
        }
    }

    /**
     * Read-back of sec_tag: the modem's SHA-256 of type 1 (and type 0, with a chain) must be that of the
     * PEM install wrote, and a private key (type 2) must be there, or the certificate is of no use.
     */
    @Override
    public Evidence verify(byte[] certificateDer, List<byte[]> chainDer) throws BoardException {
        Map<Integer, String> held = modem.list(secTag);
        List<String> problems = new ArrayList<>();
        compare(held, Nrf91Modem.CLIENT_CERT, "device certificate", Pem.certificate(certificateDer), problems);
        if (!chainDer.isEmpty()) {
            compare(held, Nrf91Modem.ROOT_CA, "CA chain", Pem.certificates(chainDer), problems);
        }
        if (!held.containsKey(Nrf91Modem.CLIENT_KEY)) {
            problems.add("private key (type 2) missing in sec_tag " + secTag);
        }
        return new Evidence.ReadBack(problems.isEmpty(), String.join("; ", problems));
    }

    private void compare(Map<Integer, String> held, int type, String item, String pem, List<String> problems) {
        String expected = Nrf91Modem.hex(KeygenAnswer.sha256(pem.getBytes(StandardCharsets.UTF_8)));
        String stored = held.get(type);
        if (stored == null) {
            problems.add(item + " (type " + type + ") missing in sec_tag " + secTag);
        } else if (!stored.equals(expected)) {
            problems.add(item + " (type " + type + ") in sec_tag " + secTag + " differs: modem holds SHA-256 " + stored
                    + ", station wrote " + expected);
        }
    }

    /** Always OPEN: %CMNG credentials can be rewritten whenever the modem is offline. */
    @Override
    public Progress progress() {
        return Progress.OPEN;
    }

    /** Nothing to lock on a modem; it is left offline (CFUN=4), as open() put it. */
    @Override
    public void lock() {
    }

    @Override
    public LinkStats stats() {
        return modem.stats();
    }

    @Override
    public void cancel() {
        modem.cancel();
    }

    @Override
    public void close() {
        transport.close();
    }

    private static byte[] bytes(UUID uuid) {
        return java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
    }
}
