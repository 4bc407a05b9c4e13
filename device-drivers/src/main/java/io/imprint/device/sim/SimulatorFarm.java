package io.imprint.device.sim;

import io.imprint.device.pty.PtyPair;
import io.imprint.device.transport.Transport;
import io.imprint.device.transport.TransportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A fixture of simulated boards of any family, each on its own pseudo-terminal with a stable socket link
 * ({@code dir/socket-N}) the station binds a slot to, as {@link BoardFarm} does for Imprint boards. A
 * re-plug closes the pty (the station sees the board go) and opens a new one with the same board, or a
 * fresh one: what a board keeps across a re-plug is its {@link Board}'s to decide.
 *
 * <p>Thread-safe: every method is synchronized.
 *
 * @param <B> a board's state that outlives its connection (a modem's credential store, a file system)
 */
public final class SimulatorFarm<B> implements AutoCloseable {

    /** Makes boards and serves one over a pty's master side. */
    public interface Family<B> {

        /** A new board for socket {@code index} (0-based). */
        B newBoard(int index);

        /** Starts answering {@code board}'s wire on {@code master}; closing the result stops it. */
        AutoCloseable serve(B board, Transport master) throws TransportException;
    }

    private static final class Socket<B> {
        PtyPair pty;
        AutoCloseable serving;
        B board;
    }

    private final Path dir;
    private final Family<B> family;
    private final List<Socket<B>> sockets = new ArrayList<>();

    public SimulatorFarm(Path dir, int boards, Family<B> family) throws TransportException {
        this.dir = dir;
        this.family = family;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + dir, e);
        }
        for (int i = 0; i < boards; i++) {
            sockets.add(new Socket<>());
            plug(i, true);
        }
    }

    public synchronized int size() {
        return sockets.size();
    }

    public Path socketLink(int i) {
        return dir.resolve("socket-" + (i + 1));
    }

    public synchronized String portPath(int i) {
        return sockets.get(i).pty.slavePath();
    }

    public synchronized B board(int i) {
        return sockets.get(i).board;
    }

    /** Pulls the board in socket {@code i} and plugs one in again: the same board, or a fresh one. */
    public synchronized String replug(int i, boolean freshBoard) throws TransportException {
        unplug(i);
        plug(i, freshBoard);
        return sockets.get(i).pty.slavePath();
    }

    private void unplug(int i) {
        Socket<B> s = sockets.get(i);
        try {
            Files.deleteIfExists(socketLink(i));
        } catch (IOException e) {
            throw new IllegalStateException("cannot remove " + socketLink(i), e);
        }
        try {
            s.serving.close();
        } catch (Exception e) {
            // a simulator that fails to stop still loses its pty below
        }
        s.pty.close();
    }

    private void plug(int i, boolean freshBoard) throws TransportException {
        Socket<B> s = sockets.get(i);
        if (freshBoard || s.board == null) {
            s.board = family.newBoard(i);
        }
        s.pty = PtyPair.open();
        s.serving = family.serve(s.board, s.pty.master());
        try {
            Files.deleteIfExists(socketLink(i));
            Files.createSymbolicLink(socketLink(i), Path.of(s.pty.slavePath()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot link " + socketLink(i), e);
        }
    }

    @Override
    public synchronized void close() {
        for (int i = 0; i < sockets.size(); i++) {
            unplug(i);
        }
    }
}
