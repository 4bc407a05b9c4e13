package io.imprint.station.label;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Where a batch's labels go: a Zebra printer over raw TCP ({@code tcp://HOST[:PORT]}, port 9100 by
 * default) or a directory that gets one {@code .zpl} file per label ({@code file:DIR}), for a print
 * server that watches it or for a line without a printer.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public sealed interface LabelPrinter permits TcpLabelPrinter, FileLabelPrinter {

    /** Sends one label; a printer that does not take it is a {@link LabelException#failed failure} saying why. */
    void send(String deviceId, byte[] zpl) throws LabelException;

    /** The printer as it is configured: {@code tcp://zebra:9100}, {@code file:/srv/labels}. */
    String target();

    /** What the operator should check when a label did not print. */
    String advice();

    /** The printer a configured string names; refused, with what a printer string looks like, if none. */
    static LabelPrinter parse(String target) throws LabelException {
        String t = target == null ? "" : target.strip();
        if (t.startsWith("file:")) {
            String dir = t.substring("file:".length());
            try {
                if (!dir.isBlank()) {
                    return new FileLabelPrinter(Path.of(dir));
                }
            } catch (InvalidPathException e) {
                throw LabelException.refused("label printer '" + target + "': '" + dir + "' is not a directory path (" + e.getReason() + ")");
            }
        } else if (t.startsWith("tcp://")) {
            return tcp(target, t);
        }
        throw LabelException.refused("label printer '" + target + "' must be tcp://HOST[:PORT] (a Zebra printer, port 9100 by default) or file:DIR");
    }

    private static LabelPrinter tcp(String target, String t) throws LabelException {
        try {
            URI uri = new URI(t);
            boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null;
            if (uri.getHost() != null && bare && uri.getPort() <= 65535 && uri.getPort() != 0) {
                return new TcpLabelPrinter(uri.getHost(), uri.getPort() < 0 ? TcpLabelPrinter.DEFAULT_PORT : uri.getPort());
            }
        } catch (URISyntaxException e) {
            // Said below, with what a printer string looks like.
        }
        throw LabelException.refused("label printer '" + target + "' must be tcp://HOST[:PORT] with a host name or address and a port 1-65535,"
                + " and nothing after it");
    }
}
