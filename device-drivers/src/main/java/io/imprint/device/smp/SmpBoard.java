package io.imprint.device.smp;

import io.imprint.device.family.Board;
import io.imprint.device.family.BoardFamily;
import io.imprint.device.family.Evidence;
import io.imprint.device.session.BoardException;
import io.imprint.device.session.BoardIdentity;
import io.imprint.device.session.LinkStats;
import io.imprint.device.session.LinkTiming;
import io.imprint.device.session.OperatorAdvice;
import io.imprint.device.transport.Transport;
import io.imprint.device.transport.TransportException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A Zephyr board running MCUmgr SMP on its serial console, provisioned through its file system: the
 * station writes the key, certificate and chain to the files {@link SmpOptions} names and reads back the
 * board's SHA-256 of each. SMP has no key generation, so the station always injects the key.
 *
 * <p>The board has nothing to close: its firmware reads the files at boot. {@link #lock()} therefore
 * resets it so it starts with its identity, and {@link #progress()} is always {@link Progress#OPEN}.
 * Identity comes from the device id file; SMP says nothing of the chip, hardware or firmware, so those are
 * an empty chip UID and {@value #UNKNOWN}.
 *
 * <p>Not thread-safe, as {@link Board}.
 */
public final class SmpBoard implements Board {

    static final String UNKNOWN = "unknown";
    private static final String ECHO = "imprint";

    private final Transport transport;
    private final SmpClient client;
    private final SmpOptions options;
    /** Only the hash of the injected key is kept, to compare with the board's; never the key. */
    private byte[] keySha256;

    private SmpBoard(Transport transport, SmpClient client, SmpOptions options) {
        this.transport = transport;
        this.client = client;
        this.options = options;
    }

    /** Opens the transport and checks with an echo that an SMP board is on it. */
    public static SmpBoard open(Transport transport, LinkTiming timing, SmpOptions options) throws BoardException {
        try {
            transport.open();
        } catch (TransportException e) {
            throw new BoardException(transport.identity().path(), BoardException.Reason.DISCONNECTED, null,
                    "cannot open the port: " + e.getMessage(), e);
        }
        SmpClient client = new SmpClient(transport, timing, options.mtu());
        try {
            String answer = client.echo(ECHO);
            if (!ECHO.equals(answer)) {
                throw new BoardException(client.port(), BoardException.Reason.PROTOCOL, "echo came back as \"" + answer + "\"",
                        new OperatorAdvice("The board's MCUmgr echo is garbled", "Check the cable and the baud rate, then retry"));
            }
        } catch (BoardException e) {
            transport.close();
            throw e;
        }
        return new SmpBoard(transport, client, options);
    }

    /**
     * Whether an SMP board answers an echo within {@code timeout}, for telling which family a slot holds.
     * Opens the transport if it is not open and leaves it open; never throws.
     */
    public static boolean probe(Transport transport, Duration timeout) {
        try {
            transport.open();
            LinkTiming once = new LinkTiming(0, timeout, timeout, timeout, 0);
            return ECHO.equals(new SmpClient(transport, once, SmpClient.DEFAULT_MTU).echo(ECHO));
        } catch (BoardException | TransportException | RuntimeException e) {
            return false;
        }
    }

    /** The SMP requests themselves, for what only this family does. */
    public SmpClient client() {
        return client;
    }

    @Override
    public BoardFamily family() {
        return BoardFamily.SMP;
    }

    @Override
    public String port() {
        return client.port();
    }

    @Override
    public BoardIdentity identify() throws BoardException {
        String deviceId = new String(client.download(options.deviceIdPath()), StandardCharsets.UTF_8).trim();
        if (deviceId.isEmpty()) {
            throw new BoardException(port(), BoardException.Reason.BOARD_ERROR, "the device id file "
                    + options.deviceIdPath() + " is empty",
                    new OperatorAdvice("The board's device id file " + options.deviceIdPath() + " is empty",
                            "Flash the board's identity, then retry"));
        }
        return new BoardIdentity(deviceId, new byte[0], UNKNOWN, UNKNOWN);
    }

    @Override
    public boolean makesOwnKey() {
        return false;
    }

    @Override
    public byte[] generateKeyAndCsr(String subjectCn) throws BoardException {
        throw new BoardException(port(), BoardException.Reason.UNSUPPORTED, "a Zephyr SMP board cannot make its own key",
                new OperatorAdvice("This board cannot make its own key", "Let the station inject a key for this board family"));
    }

    @Override
    public void injectKey(byte[] pkcs8) throws BoardException {
        try {
            byte[] hash = sha256(pkcs8);
            client.upload(options.keyPath(), pkcs8);
            keySha256 = hash;
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    @Override
    public void install(byte[] certificateDer, List<byte[]> chainDer) throws BoardException {
        client.upload(options.certificatePath(), certificateDer);
        client.upload(options.chainPath(), concat(chainDer));
    }

    /**
     * Compares the board's SHA-256 of the key, certificate and chain files with what was sent. Without a key
     * injected through this object there is nothing to compare the key file with, and it does not match.
     */
    @Override
    public Evidence verify(byte[] certificateDer, List<byte[]> chainDer) throws BoardException {
        List<String> differences = new ArrayList<>();
        if (keySha256 == null) {
            // A board back after a re-plug, or done and put back: the station kept no trace of its key, only that
            // one must be there. Its certificate and chain are what tell which identity it holds.
            if (client.sha256IfPresent(options.keyPath()).isEmpty()) {
                differences.add(options.keyPath() + " is missing on the board");
            }
        } else {
            compare(options.keyPath(), keySha256, differences);
        }
        compare(options.certificatePath(), sha256(certificateDer), differences);
        compare(options.chainPath(), sha256(concat(chainDer)), differences);
        return new Evidence.ReadBack(differences.isEmpty(), String.join("; ", differences));
    }

    private void compare(String path, byte[] expected, List<String> differences) throws BoardException {
        Optional<byte[]> stored = client.sha256IfPresent(path);
        if (stored.isEmpty()) {
            differences.add(path + " is missing on the board");
        } else if (!MessageDigest.isEqual(stored.get(), expected)) {
            differences.add(path + " on the board has SHA-256 " + HexFormat.of().formatHex(stored.get())
                    + ", not that of what was sent");
        }
    }

    @Override
    public Progress progress() {
        return Progress.OPEN;
    }

    /** Resets the board so its firmware boots with the identity just installed. */
    @Override
    public void lock() throws BoardException {
        client.reset();
    }

    @Override
    public LinkStats stats() {
        return client.stats();
    }

    @Override
    public void cancel() {
        client.cancel();
    }

    @Override
    public void close() {
        transport.close();
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
