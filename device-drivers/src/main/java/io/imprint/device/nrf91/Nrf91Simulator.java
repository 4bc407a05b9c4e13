package io.imprint.device.nrf91;

import io.imprint.device.transport.Transport;
import io.imprint.device.transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated nRF91 modem on the board's end of a wire (a pty master), written from Nordic's AT
 * reference: starts online (CFUN=1) with echo off; AT+CMEE, AT+CFUN, AT+CGSN, AT%DEVICEUUID, AT+CGMR,
 * AT+CGMM; %CMNG write, list, read and delete with one credential per (sec_tag, type); %KEYGEN making
 * a real P-256 key, CSR and COSE_Sign1. Credential commands answer 518 unless CFUN=4 (or 0). A network
 * event ({@code +CEREG: ...}) comes with every third answer, as a real modem's would at any time.
 * {@link Nrf91Fault}s make it misbehave.
 *
 * <p>Runs on its own thread. Every public method is thread-safe.
 */
public final class Nrf91Simulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Nrf91Simulator.class);

    private final Transport wire;
    private final String imei;
    private final UUID deviceUuid;
    private final String model;
    private final String firmware;
    private final List<Nrf91Fault> faults = new CopyOnWriteArrayList<>();
    private final SimulatedStore store;
    /** Every command heard, in order, heads only: what the host asked, for tests to wait on and check. */
    private final List<String> heard = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile int cfun = 1;
    private boolean cmee;
    private boolean echo;
    private int answers;

    /**
     * @param deviceUuid the modem's %DEVICEUUID; null for firmware without the command (it answers ERROR)
     */
    public Nrf91Simulator(Transport wire, String imei, UUID deviceUuid) {
        this(wire, imei, deviceUuid, "nRF9160-SICA", "mfw_nrf9160_1.3.5");
    }

    public Nrf91Simulator(Transport wire, String imei, UUID deviceUuid, String model, String firmware) {
        this(wire, imei, deviceUuid, model, firmware, new SimulatedStore());
    }

    /** A modem whose credential store is {@code store}: the same flash across re-plugs ({@link Nrf91Fixture}). */
    Nrf91Simulator(Transport wire, String imei, UUID deviceUuid, String model, String firmware, SimulatedStore store) {
        this.store = Objects.requireNonNull(store, "store");
        this.wire = Objects.requireNonNull(wire, "wire");
        this.imei = Objects.requireNonNull(imei, "imei");
        this.deviceUuid = deviceUuid;
        this.model = model;
        this.firmware = firmware;
        this.thread = Thread.ofPlatform().daemon().name("nrf91-sim-" + imei).unstarted(this::run);
    }

    /** Starts answering on its own thread; returns this. */
    public Nrf91Simulator start() {
        thread.start();
        return this;
    }

    public void inject(Nrf91Fault fault) {
        faults.add(fault);
    }

    public void clearFaults() {
        faults.clear();
    }

    /** The modem's +CFUN mode now. */
    public int cfun() {
        return cfun;
    }

    /** The commands heard so far, in order, each cut before its first quote (no PEM content). */
    public synchronized List<String> heard() {
        return List.copyOf(heard);
    }

    /** What credential {@code type} of {@code secTag} holds, exactly as written. */
    public synchronized Optional<String> stored(int secTag, int type) {
        return store.get(secTag, type);
    }

    /** Puts a credential in place as an earlier run (or the factory) would have. */
    public synchronized void preload(int secTag, int type, String content) {
        store.put(secTag, type, content);
    }

    /** Changes one character of a stored credential, as flash going bad would: its hash changes. */
    public synchronized void tamper(int secTag, int type) {
        String content = store.get(secTag, type).orElseThrow(() -> new IllegalStateException("nothing stored in " + secTag + "," + type));
        int at = content.length() / 2;
        char c = content.charAt(at);
        store.put(secTag, type, content.substring(0, at) + (c == 'A' ? 'B' : 'A') + content.substring(at + 1));
    }

    private void run() {
        CommandLines.Splitter splitter = new CommandLines.Splitter();
        byte[] buffer = new byte[1024];
        try {
            wire.open();
            while (running) {
                // close() wakes the read at once; the timeout only bounds a stuck wire.
                int n = wire.read(buffer, 0, buffer.length, Duration.ofSeconds(5));
                for (String command : splitter.feed(buffer, n)) {
                    String answer = answer(command);
                    if (answer != null) {
                        wire.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                    }
                }
            }
        } catch (TransportException e) {
            if (running) {
                LOG.debug("simulated nRF91 on {} stopped: {}", wire.identity().path(), e.getMessage());
            }
        } finally {
            running = false;
        }
    }

    /** The bytes to send back for one command line, CR LF after every line; null for silence. */
    synchronized String answer(String command) {
        String upper = command.toUpperCase(Locale.ROOT);
        int quote = command.indexOf('"');
        heard.add(quote < 0 ? command : command.substring(0, quote));
        for (Nrf91Fault fault : faults) {
            switch (fault) {
                case Nrf91Fault.Silent(String prefix) when upper.startsWith(prefix.toUpperCase(Locale.ROOT)) -> {
                    return null;
                }
                case Nrf91Fault.PlainError(String prefix) when upper.startsWith(prefix.toUpperCase(Locale.ROOT)) -> {
                    return frame(List.of(), "ERROR");
                }
                case Nrf91Fault.Cme(String prefix, int code) when upper.startsWith(prefix.toUpperCase(Locale.ROOT)) -> {
                    return frame(List.of(), cme(code));
                }
                default -> {
                }
            }
        }
        List<String> info = new ArrayList<>();
        String result;
        try {
            result = handle(command, upper, info);
        } catch (RuntimeException e) {
            // A malformed parameter list, as a real modem would take it.
            info.clear();
            result = "ERROR";
        }
        return (echo ? command + "\r\n" : "") + frame(info, result);
    }

    private String frame(List<String> info, String result) {
        StringBuilder b = new StringBuilder();
        boolean event = ++answers % 3 == 0;
        if (event && answers % 2 == 0) {
            b.append("+CEREG: 2,\"76C1\",\"0102DA04\",7\r\n");
        }
        info.forEach(l -> b.append(l).append("\r\n"));
        if (event && answers % 2 == 1) {
            b.append("\r\n%CESQ: 54,2,16,2\r\n");
        }
        return b.append(result).append("\r\n").toString();
    }

    private String cme(int code) {
        return cmee ? "+CME ERROR: " + code : "ERROR";
    }

    private String handle(String command, String upper, List<String> info) {
        if (upper.equals("AT")) {
            return "OK";
        }
        if (upper.equals("ATE0") || upper.equals("ATE1")) {
            echo = upper.equals("ATE1");
            return "OK";
        }
        if (upper.startsWith("AT+CMEE=")) {
            cmee = CommandLines.parameters(command, "AT+CMEE=").getFirst().equals("1");
            return "OK";
        }
        if (upper.equals("AT+CFUN?")) {
            info.add("+CFUN: " + cfun);
            return "OK";
        }
        if (upper.startsWith("AT+CFUN=")) {
            cfun = Integer.parseInt(CommandLines.parameters(command, "AT+CFUN=").getFirst());
            return "OK";
        }
        switch (upper) {
            case "AT+CGSN" -> info.add(imei);
            case "AT+CGSN=1" -> info.add("+CGSN: \"" + imei + "\"");
            case "AT+CGMR" -> info.add(firmware);
            case "AT+CGMM" -> info.add(model);
            case "AT%DEVICEUUID" -> {
                if (deviceUuid == null) {
                    return "ERROR";
                }
                info.add("%DEVICEUUID: " + deviceUuid);
            }
            default -> {
                if (upper.startsWith("AT%KEYGEN=")) {
                    return keygen(CommandLines.parameters(command, "AT%KEYGEN="), info);
                }
                if (upper.startsWith("AT%CMNG=")) {
                    return cmng(CommandLines.parameters(command, "AT%CMNG="), info);
                }
                return "ERROR";
            }
        }
        return "OK";
    }

    /** Credential changes need the radio off: CFUN 1, 2 and 21 are active states. */
    private boolean active() {
        return cfun == 1 || cfun == 2 || cfun == 21;
    }

    private String keygen(List<String> p, List<String> info) {
        long secTag = Long.parseLong(p.get(0));
        int keyType = Integer.parseInt(p.get(1));
        int content = p.size() > 2 ? Integer.parseInt(p.get(2)) : 0;
        if (keyType != 2 || content != 0) {
            return "ERROR";
        }
        if (active()) {
            return cme(518);
        }
        if (store.get(secTag, 2).isPresent()) {
            return cme(519);
        }
        if (full()) {
            return cme(515);
        }
        String subject = p.size() > 3 && !p.get(3).isEmpty() ? p.get(3) : "CN=" + (deviceUuid == null ? imei : deviceUuid);
        boolean corrupt = faults.stream().anyMatch(f -> f instanceof Nrf91Fault.CorruptCose);
        UUID uuid = deviceUuid == null ? new UUID(0, 0) : deviceUuid;
        SimulatedKeygen.Made made = SimulatedKeygen.make(subject, uuid, (int) secTag, corrupt);
        store.put(secTag, 2, made.keyPem());
        info.add("%KEYGEN: " + made.answer());
        return "OK";
    }

    private String cmng(List<String> p, List<String> info) {
        int op = Integer.parseInt(p.get(0));
        return switch (op) {
            case 0 -> {
                long secTag = Long.parseLong(p.get(1));
                int type = Integer.parseInt(p.get(2));
                String content = p.size() > 3 ? p.get(3) : "";
                if (active()) {
                    yield cme(518);
                }
                if (content.isEmpty()) {
                    yield "ERROR";
                }
                if (store.get(secTag, type).isPresent()) {
                    yield cme(519);
                }
                if (full()) {
                    yield cme(515);
                }
                if ((type == 0 || type == 1) && !content.startsWith("-----BEGIN CERTIFICATE-----\n")) {
                    yield cme(527);
                }
                store.put(secTag, type, content);
                yield "OK";
            }
            case 1 -> {
                info.addAll(store.list(p.size() > 1 ? Optional.of(Long.parseLong(p.get(1))) : Optional.empty()));
                yield "OK";
            }
            case 2 -> {
                long secTag = Long.parseLong(p.get(1));
                int type = Integer.parseInt(p.get(2));
                Optional<String> content = store.get(secTag, type);
                if (content.isEmpty()) {
                    yield cme(513);
                }
                if (type == 2) {
                    yield cme(514);
                }
                info.add("%CMNG: " + secTag + "," + type + "," + SimulatedStore.sha256(content.get()) + ",\"" + content.get() + "\"");
                yield "OK";
            }
            case 3 -> {
                long secTag = Long.parseLong(p.get(1));
                int type = Integer.parseInt(p.get(2));
                if (active()) {
                    yield cme(518);
                }
                yield store.remove(secTag, type) ? "OK" : cme(513);
            }
            default -> "ERROR";
        };
    }

    private boolean full() {
        return faults.stream().anyMatch(f -> f instanceof Nrf91Fault.StorageFullAfter(int items) && store.size() >= items);
    }

    /** Takes the modem off the wire. */
    @Override
    public void close() {
        running = false;
        wire.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
