package io.imprint.device.family;

import io.imprint.device.nrf91.Nrf91Board;
import io.imprint.device.session.BoardException;
import io.imprint.device.session.BoardSession;
import io.imprint.device.session.LinkTiming;
import io.imprint.device.session.OperatorAdvice;
import io.imprint.device.smp.SmpBoard;
import io.imprint.device.transport.Transport;
import io.imprint.device.transport.TransportException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Opens a slot's board with its family's driver: the family the slot is set to, or the first that
 * answers a probe, in an order each earlier probe cannot upset a later family: Imprint HELLO (a framed
 * binary request an AT modem answers ERROR to and a Zephyr console ignores), then {@code AT}, then an
 * SMP echo. Each probe runs on a fresh transport, as a failed open closes its own.
 *
 * <p>Stateless and thread-safe; each opener it makes is for one slot's thread.
 */
public final class Boards {

    /** Long enough for a board at 115200 baud to answer a short request, short enough to probe three families in a second. */
    static final Duration PROBE = Duration.ofMillis(300);

    private Boards() {
    }

    /**
     * @param transports a fresh, unopened transport to the slot's port on each call
     */
    public static BoardOpener opener(Supplier<Transport> transports, LinkTiming timing, FamilySettings settings) {
        return new BoardOpener() {
            @Override
            public Board open() throws BoardException {
                return settings.fixed().isPresent()
                        ? Boards.open(settings.fixed().get(), transports.get(), timing, settings)
                        : Boards.open(probe(transports, timing), transports.get(), timing, settings);
            }

            @Override
            public Optional<BoardFamily> family() {
                return settings.fixed();
            }
        };
    }

    public static Board open(BoardFamily family, Transport transport, LinkTiming timing, FamilySettings settings) throws BoardException {
        return switch (family) {
            case IMPRINT -> ImprintBoard.open(transport, timing);
            case NRF91 -> Nrf91Board.open(transport, timing, settings.nrf91());
            case SMP -> SmpBoard.open(transport, timing, settings.smp());
        };
    }

    /** The family of the board on the port, by which probe it answers, at {@code timing}'s baud rate. */
    public static BoardFamily probe(Supplier<Transport> transports, LinkTiming timing) throws BoardException {
        String port = "?";
        for (BoardFamily family : BoardFamily.values()) {
            Transport transport = transports.get();
            port = transport.identity().path();
            try {
                if (answers(family, transport, timing)) {
                    return family;
                }
            } finally {
                transport.close();
            }
        }
        throw new BoardException(port, BoardException.Reason.UNSUPPORTED, "no board family answered (Imprint HELLO, AT, SMP echo)",
                new OperatorAdvice("The board answers none of the known protocols (Imprint, nRF91 AT, Zephyr SMP)",
                        "Check the board's firmware and the slot's baud rate; if the slot is set to a family, check that too"));
    }

    private static boolean answers(BoardFamily family, Transport transport, LinkTiming timing) throws BoardException {
        try {
            transport.open(); // each probe's own open is then a no-op
        } catch (TransportException e) {
            if (e.kind() == TransportException.Kind.DISCONNECTED) {
                throw new BoardException(transport.identity().path(), BoardException.Reason.DISCONNECTED, "board went away while probing: " + e.getMessage());
            }
            return false;
        }
        return switch (family) {
            case IMPRINT -> imprintAnswers(transport, timing);
            case NRF91 -> Nrf91Board.probe(transport, PROBE);
            case SMP -> SmpBoard.probe(transport, PROBE);
        };
    }

    private static boolean imprintAnswers(Transport transport, LinkTiming timing) throws BoardException {
        LinkTiming quick = new LinkTiming(timing.baudRate(), PROBE, PROBE, PROBE, 0);
        try (BoardSession session = BoardSession.open(transport, quick)) {
            return true;
        } catch (BoardException e) {
            if (e.reason() == BoardException.Reason.DISCONNECTED || e.reason() == BoardException.Reason.UNSUPPORTED) {
                // Gone, or an Imprint board that speaks no version of ours: either way not another family's.
                throw e;
            }
            // A framed ERROR (BUSY, say: PROTOCOL.md §6.1 lets a board answer HELLO so) is an Imprint board
            // speaking; its session, with the full timing and BUSY budget, deals with the rest.
            return e.boardError().isPresent();
        }
    }
}
