package io.imprint.device.sim;

import io.imprint.device.pty.PtyPair;
import io.imprint.device.transport.TransportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Several virtual boards, each in a socket of its own: a pty pair whose slave path the station opens
 * as a serial port, and a flash file that survives re-plugs. {@link #replug} pulls a board and plugs
 * it back (same board, new tty) or plugs a fresh board into the socket.
 *
 * <p>Thread-safe.
 */
public final class BoardFarm implements AutoCloseable {

    /** One socket of the fixture. */
    private static final class Socket {
        PtyPair pty;
        VirtualBoard board;
        Path flash;
        /** The board's flash when it lives in RAM (benchmarks); null when it is the file. */
        Flash inMemory;
    }

    private final Path dir;
    private final BoardProfile profile;
    private final List<Socket> sockets = new ArrayList<>();
    private final boolean flashInRam;
    private volatile FaultMode fault;
    private int boardsMade;

    public BoardFarm(Path dir, int boards, BoardProfile profile, FaultMode fault) throws TransportException {
        this(dir, boards, profile, fault, false);
    }

    /** @param flashInRam boards keep their flash in RAM only (see {@link Flash#inMemory}): for benchmarks */
    public BoardFarm(Path dir, int boards, BoardProfile profile, FaultMode fault, boolean flashInRam) throws TransportException {
        this.dir = dir;
        this.flashInRam = flashInRam;
        this.profile = profile;
        this.fault = fault;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + dir, e);
        }
        for (int i = 0; i < boards; i++) {
            Socket s = new Socket();
            sockets.add(s);
            plug(i, true);
        }
    }

    public synchronized int size() {
        return sockets.size();
    }

    /** The serial port path of socket {@code i} as the station opens it. */
    public synchronized String portPath(int i) {
        return sockets.get(i).pty.slavePath();
    }

    /**
     * A stable name for socket {@code i}: a symbolic link to its current tty, removed while the board is
     * out and re-pointed when one is plugged in, like a udev by-path link to a fixture's socket.
     */
    public Path socketLink(int i) {
        return dir.resolve("socket-" + (i + 1));
    }

    public synchronized List<String> portPaths() {
        return sockets.stream().map(s -> s.pty.slavePath()).toList();
    }

    public synchronized Flash flash(int i) {
        Socket s = sockets.get(i);
        return s.inMemory != null ? s.inMemory : Flash.open(s.flash, "unused");
    }

    /** The flash file of the board in socket {@code i} (tests edit it to make cloned boards). */
    public synchronized Path flashFile(int i) {
        return sockets.get(i).flash;
    }

    public synchronized VirtualBoard board(int i) {
        return sockets.get(i).board;
    }

    /** Sets the fault of every board, now and after re-plugs. */
    public synchronized void fault(FaultMode mode) {
        fault = mode;
        sockets.forEach(s -> s.board.fault(mode));
    }

    /** Pulls the board in socket {@code i} and plugs one in again: the same board, or a fresh one. */
    public synchronized String replug(int i, boolean freshBoard) throws TransportException {
        Socket s = sockets.get(i);
        unlink(i);
        s.board.close();
        s.pty.close();
        plug(i, freshBoard);
        return s.pty.slavePath();
    }

    private void unlink(int i) {
        try {
            Files.deleteIfExists(socketLink(i));
        } catch (IOException e) {
            throw new IllegalStateException("cannot remove " + socketLink(i), e);
        }
    }

    private void plug(int i, boolean freshBoard) throws TransportException {
        Socket s = sockets.get(i);
        if (freshBoard) {
            boardsMade++;
            s.flash = dir.resolve("board-%02d-%04d.flash".formatted(i + 1, boardsMade));
        }
        if (flashInRam && freshBoard) {
            s.inMemory = Flash.inMemory(s.flash, newDeviceId());
        }
        Flash flash = flashInRam ? s.inMemory : Flash.open(s.flash, newDeviceId());
        s.pty = PtyPair.open();
        s.board = new VirtualBoard("%02d".formatted(i + 1), s.pty.master(), new BoardFirmware(profile, flash, fault), profile);
        s.board.start();
        try {
            Files.deleteIfExists(socketLink(i));
            Files.createSymbolicLink(socketLink(i), Path.of(s.pty.slavePath()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot link " + socketLink(i), e);
        }
    }

    private static String newDeviceId() {
        byte[] id = new byte[5];
        new SecureRandom().nextBytes(id);
        return "SIM-" + HexFormat.of().withUpperCase().formatHex(id);
    }

    @Override
    public synchronized void close() {
        for (int i = 0; i < sockets.size(); i++) {
            unlink(i);
            sockets.get(i).board.close();
            sockets.get(i).pty.close();
        }
    }
}
