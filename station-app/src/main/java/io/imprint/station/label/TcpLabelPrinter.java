package io.imprint.station.label;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Zebra printer's raw port: connect, write the ZPL, close. The printer says nothing back, so a label
 * that reached its buffer counts as printed. A connect or a write that takes longer than its timeout is
 * given up: a printer that is off must not hold up the labels of a batch for long.
 *
 * <p>Immutable and thread-safe.
 */
public record TcpLabelPrinter(String host, int port, Duration connectTimeout, Duration writeTimeout) implements LabelPrinter {

    public static final int DEFAULT_PORT = 9100;

    public TcpLabelPrinter(String host, int port) {
        this(host, port, Duration.ofSeconds(3), Duration.ofSeconds(5));
    }

    @Override
    public void send(String deviceId, byte[] zpl) throws LabelException {
        AtomicBoolean timedOut = new AtomicBoolean();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            // A socket write has no timeout of its own: a printer that stops reading would hold the thread for good.
            CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> {
                timedOut.set(true);
                closeQuietly(socket);
            }, CompletableFuture.delayedExecutor(writeTimeout.toMillis(), TimeUnit.MILLISECONDS));
            try {
                OutputStream out = socket.getOutputStream();
                out.write(zpl);
                out.flush();
                socket.shutdownOutput();
            } finally {
                watchdog.cancel(false);
            }
        } catch (IOException e) {
            throw LabelException.printerFailed("Label printer " + target() + " is not answering (" + why(e, timedOut.get()) + ")", advice(), e);
        }
    }

    private String why(IOException e, boolean writeTimedOut) {
        return switch (e) {
            case ConnectException c -> "connection refused";
            case SocketTimeoutException t -> "no answer within " + connectTimeout.toSeconds() + " s";
            case UnknownHostException u -> "unknown host " + host;
            case NoRouteToHostException n -> "no route to host";
            default -> writeTimedOut ? "took no data for " + writeTimeout.toSeconds() + " s" : String.valueOf(e.getMessage());
        };
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is how the write is stopped; a failure to close leaves nothing to do.
        }
    }

    @Override
    public String target() {
        return "tcp://" + (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String advice() {
        return "check the printer is on and on the network";
    }
}
