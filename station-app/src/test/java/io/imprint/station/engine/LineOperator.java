package io.imprint.station.engine;

import io.imprint.device.protocol.BoardState;
import io.imprint.device.sim.BoardFarm;
import io.imprint.device.sim.Flash;
import io.imprint.device.transport.TransportException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator at a fixture of virtual boards, acting on the station's one line per board: a board that
 * passed (or that the station says is done already) is taken out and a fresh one goes in; a board that
 * failed is re-seated, unless the batch is complete. Keeps every flash file the farm made, so the test can ask every board it ever
 * plugged in what it holds.
 *
 * <p>Not thread-safe: driven by the test thread.
 */
final class LineOperator {

    private static final Pattern LINE = Pattern.compile("^slot-(\\d+)\\s+(PASS|FAIL)\\s+(\\S+)\\s+(.*)$");
    static final String DONE = "Already provisioned: this board is done";
    private static final String COMPLETE = "is complete (";

    private final BoardFarm farm;
    private final List<Path> boards = new ArrayList<>();
    /** Boards seen LOCKED: a lock is for good, so they are not read again. */
    private final Set<Path> locked = new HashSet<>();
    /** Per socket: true while its board waits for the station's verdict. */
    private final boolean[] busy;
    private boolean finishing;
    private int passes;
    private int failures;

    LineOperator(BoardFarm farm) {
        this.farm = farm;
        this.busy = new boolean[farm.size()];
        for (int i = 0; i < farm.size(); i++) {
            boards.add(farm.flashFile(i));
        }
    }

    /** A station (re)started: it looks at every socket again, whatever it said before it died. */
    void stationStarted() {
        Arrays.fill(busy, true);
    }

    /** From now on boards that are done stay in their sockets: no fresh boards, so the station goes quiet. */
    void finish() {
        finishing = true;
    }

    /** Acts on one line of the station's output; other lines (the banner, the summary) are ignored. */
    void handle(String line) throws TransportException {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return;
        }
        int socket = Integer.parseInt(m.group(1)) - 1;
        boolean pass = m.group(2).equals("PASS");
        String rest = m.group(4);
        if (pass) {
            passes++;
            String inSocket = Flash.open(farm.flashFile(socket), "unused").deviceId();
            if (!inSocket.equals(m.group(3))) {
                throw new AssertionError("slot-" + (socket + 1) + " passed " + m.group(3) + " but holds " + inSocket + ": " + line);
            }
        } else {
            failures++;
        }
        busy[socket] = false;
        boolean done = pass || rest.startsWith(DONE);
        if (rest.contains(COMPLETE) || finishing && done) {
            // A board the full batch refused is set aside, as its next action says.
            return;
        }
        farm.replug(socket, done);
        busy[socket] = true;
        if (done) {
            boards.add(farm.flashFile(socket));
        }
    }

    /** Whether every socket's board has had its verdict (and stays where it is). */
    boolean quiet() {
        for (boolean b : busy) {
            if (b) {
                return false;
            }
        }
        return true;
    }

    /** Boards whose own flash says LOCKED: provisioned, as far as the simulator knows. */
    int locked() {
        boards.stream().filter(b -> !locked.contains(b) && Flash.open(b, "unused").state() == BoardState.LOCKED).forEach(locked::add);
        return locked.size();
    }

    /** Every board ever plugged in, by its flash file. */
    List<Path> boards() {
        return List.copyOf(boards);
    }

    int passes() {
        return passes;
    }

    int failures() {
        return failures;
    }
}
