package io.imprint.station.ui;

/** The default station id: the host's name. Stateless and thread-safe. */
public final class StationIds {

    private StationIds() {
    }

    public static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "station";
        }
    }
}
