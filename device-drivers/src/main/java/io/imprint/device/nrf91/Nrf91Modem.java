package io.imprint.device.nrf91;

import io.imprint.device.session.BoardException;
import io.imprint.device.session.LinkStats;
import io.imprint.device.session.LinkTiming;
import io.imprint.device.transport.Transport;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An nRF91 modem's credential commands over a {@link Transport}: offline, identity, %KEYGEN with its
 * COSE_Sign1 checked, and %CMNG write, list and delete. Every failure is a {@link BoardException} with
 * {@link io.imprint.device.session.OperatorAdvice} (see {@link Nrf91Failures}).
 *
 * <p>Commands are never sent twice (see {@link AtChannel} for why, and for each command's time).
 *
 * <p>Not thread-safe: one thread sends commands, except {@link #cancel()}, which any thread may call.
 */
public final class Nrf91Modem {

    /** Credential types of %CMNG. */
    public static final int ROOT_CA = 0;
    public static final int CLIENT_CERT = 1;
    public static final int CLIENT_KEY = 2;

    private static final Pattern LISTED = Pattern.compile("(\\d+),(\\d+)(?:,\"?([0-9A-Fa-f]*)\"?)?.*");

    private final AtChannel channel;
    private final String port;

    /** Over an open transport. */
    public Nrf91Modem(Transport transport, LinkTiming timing) {
        this.channel = new AtChannel(transport, timing);
        this.port = transport.identity().path();
    }

    public String port() {
        return port;
    }

    /** CME codes on (so failures say why), then the radio off: credentials can only change offline. */
    public void offline() throws BoardException {
        expectOk(AtCommand.plain("AT+CMEE=1"));
        expectOk(new AtCommand("AT+CFUN=4", "AT+CFUN=4", AtCommand.Op.OFFLINE, -1));
    }

    /** The 15-digit IMEI (AT+CGSN). */
    public String imei() throws BoardException {
        AtCommand command = AtCommand.plain("AT+CGSN");
        AtResponse response = expectOk(command);
        return response.info().stream().filter(l -> l.matches("\\d{15}")).findFirst()
                .orElseThrow(() -> Nrf91Failures.malformed(port, command, "no 15-digit IMEI in " + response.info()));
    }

    /** The per-device UUID (AT%DEVICEUUID), or empty where the firmware does not know the command. */
    public Optional<UUID> deviceUuid() throws BoardException {
        AtCommand command = AtCommand.plain("AT%DEVICEUUID");
        AtResponse response = execute(command);
        if (!response.ok()) {
            // Older modem firmware has no %DEVICEUUID: an identity without it is still an identity.
            return Optional.empty();
        }
        String text = response.value("%DEVICEUUID:").orElseThrow(() -> Nrf91Failures.malformed(port, command, "no %DEVICEUUID line"));
        try {
            return Optional.of(UUID.fromString(text.replace("\"", "")));
        } catch (IllegalArgumentException e) {
            throw Nrf91Failures.malformed(port, command, "'" + text + "' is not a UUID");
        }
    }

    /** Modem firmware, e.g. {@code mfw_nrf9160_1.3.5} (AT+CGMR). */
    public String firmware() throws BoardException {
        return firstInfo(AtCommand.plain("AT+CGMR"));
    }

    /** Modem model, e.g. {@code nRF9160-SICA} (AT+CGMM). */
    public String model() throws BoardException {
        return firstInfo(AtCommand.plain("AT+CGMM"));
    }

    /**
     * Makes a key in {@code secTag} and returns its CSR (DER), the COSE_Sign1 checked.
     *
     * @param attributes the subject, e.g. {@code CN=nrf-352656100367872}; empty for the modem's default
     */
    public byte[] keygen(int secTag, String attributes) throws BoardException {
        Optional<byte[]> csr = keygenUnlessHeld(secTag, attributes);
        if (csr.isEmpty()) {
            throw keyHeld(secTag, attributes);
        }
        return csr.get();
    }

    /** The failure of a %KEYGEN that found a key in {@code secTag} (519), in the operator's words. */
    BoardException keyHeld(int secTag, String attributes) {
        return Nrf91Failures.refused(port, keygenCommand(secTag, attributes), new AtLine.CmeError(519));
    }

    /** As {@link #keygen}, but empty when the modem answers 519: sec_tag already holds a key. */
    Optional<byte[]> keygenUnlessHeld(int secTag, String attributes) throws BoardException {
        AtCommand command = keygenCommand(secTag, attributes);
        AtResponse response = execute(command);
        if (response.result() instanceof AtLine.CmeError(int code) && code == 519) {
            return Optional.empty();
        }
        if (!response.ok()) {
            throw Nrf91Failures.refused(port, command, response.result());
        }
        return Optional.of(csrOf(command, response));
    }

    private static AtCommand keygenCommand(int secTag, String attributes) {
        String wire = "AT%KEYGEN=" + secTag + "," + CLIENT_KEY + ",0" + (attributes.isEmpty() ? "" : ",\"" + attributes + "\"");
        return new AtCommand(wire, wire, AtCommand.Op.KEYGEN, secTag);
    }

    private byte[] csrOf(AtCommand command, AtResponse response) throws BoardException {
        String answer = response.value("%KEYGEN:").orElseThrow(() -> Nrf91Failures.badCsr(port, "no %KEYGEN line"));
        return KeygenAnswer.check(port, answer, command.secTag());
    }

    /** Writes {@code pem} as credential {@code type} of {@code secTag}, deleting what was there first. */
    public void writeCredential(int secTag, int type, String pem) throws BoardException {
        if (pem.isEmpty() || pem.indexOf('"') >= 0) {
            throw new IllegalArgumentException("credential content must be non-empty PEM without quotes");
        }
        AtCommand delete = deleteCommand(secTag, type);
        AtResponse deleted = execute(delete);
        // 513: nothing to delete, which is what a delete wants anyway.
        if (!deleted.ok() && !(deleted.result() instanceof AtLine.CmeError(int code) && code == 513)) {
            throw Nrf91Failures.refused(port, delete, deleted.result());
        }
        String head = "AT%CMNG=0," + secTag + "," + type;
        expectOk(new AtCommand(head + ",\"" + pem + "\"", head, AtCommand.Op.WRITE, secTag));
    }

    /** The SHA-256 (upper hex) of each credential type held in {@code secTag}, by type. */
    public Map<Integer, String> list(int secTag) throws BoardException {
        String wire = "AT%CMNG=1," + secTag;
        AtCommand command = new AtCommand(wire, wire, AtCommand.Op.LIST, secTag);
        AtResponse response = expectOk(command);
        Map<Integer, String> held = new LinkedHashMap<>();
        for (String line : response.info()) {
            if (!line.startsWith("%CMNG:")) {
                continue;
            }
            Matcher m = LISTED.matcher(line.substring("%CMNG:".length()).strip());
            if (!m.matches()) {
                throw Nrf91Failures.malformed(port, command, "unreadable list line '" + line + "'");
            }
            // Some firmware lists every tag whatever was asked: keep only ours.
            if (Long.parseLong(m.group(1)) == secTag) {
                held.put(Integer.parseInt(m.group(2)), m.group(3) == null ? "" : m.group(3).toUpperCase(java.util.Locale.ROOT));
            }
        }
        return held;
    }

    /** Deletes credential {@code type} of {@code secTag}; 513 (not there) is a failure here. */
    public void delete(int secTag, int type) throws BoardException {
        expectOk(deleteCommand(secTag, type));
    }

    private static AtCommand deleteCommand(int secTag, int type) {
        String wire = "AT%CMNG=3," + secTag + "," + type;
        return new AtCommand(wire, wire, AtCommand.Op.DELETE, secTag);
    }

    private String firstInfo(AtCommand command) throws BoardException {
        AtResponse response = expectOk(command);
        return response.info().stream().findFirst()
                .orElseThrow(() -> Nrf91Failures.malformed(port, command, "no answer line"));
    }

    AtResponse expectOk(AtCommand command) throws BoardException {
        AtResponse response = execute(command);
        if (!response.ok()) {
            throw Nrf91Failures.refused(port, command, response.result());
        }
        return response;
    }

    /** Sends one command and collects its answer up to the final result, whatever it is. */
    AtResponse execute(AtCommand command) throws BoardException {
        return channel.execute(command);
    }

    /** Ends the current command from any thread: closing the transport wakes a blocked read. */
    public void cancel() {
        channel.cancel();
    }

    /** Bytes both ways; AT has no framing, so payload counts are the byte counts. */
    public LinkStats stats() {
        return channel.stats();
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }
}
