package io.imprint.station.ui;

import javafx.scene.Node;
import javafx.scene.shape.SVGPath;

/**
 * The few icons the screens use, as vector paths so they scale with the tiles and need no image
 * files. Each one pairs with a word: colour and shape are never the only signal.
 *
 * <p>Stateless; each call makes a new node (FX thread).
 */
public final class Icons {

    private Icons() {
    }

    public static Node check(double size) {
        return icon("M9 16.17 4.83 12l-1.42 1.41L9 19 21 7l-1.41-1.41z", size, "icon-pass");
    }

    public static Node cross(double size) {
        return icon("M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z", size, "icon-fail");
    }

    public static Node hourglass(double size) {
        return icon("M6 2v6h.01L6 8.01 10 12l-4 4 .01.01H6V22h12v-5.99h-.01L18 16l-4-4 4-3.99-.01-.01H18V2H6zm10 14.5V20H8v-3.5l4-4 4 4zm-4-5-4-4V4h8v3.5l-4 4z", size, "icon-work");
    }

    public static Node plug(double size) {
        return icon("M16 7V3h-2v4h-4V3H8v4h-.01C6.9 7 6 7.9 6 8.99v5.49L9.5 18v3h5v-3l3.5-3.51v-5.5c0-1.1-.9-2-2-2z", size, "icon-idle");
    }

    public static Node warning(double size) {
        return icon("M1 21h22L12 2 1 21zm12-3h-2v-2h2v2zm0-4h-2v-4h2v4z", size, "icon-warn");
    }

    private static Node icon(String path, double size, String styleClass) {
        SVGPath svg = new SVGPath();
        svg.setContent(path);
        double scale = size / 24.0;
        svg.setScaleX(scale);
        svg.setScaleY(scale);
        svg.getStyleClass().addAll("icon", styleClass);
        // Scaling does not change layout bounds: wrap so the icon takes the space it shows in.
        javafx.scene.layout.StackPane box = new javafx.scene.layout.StackPane(svg);
        box.setMinSize(size, size);
        box.setPrefSize(size, size);
        box.setMaxSize(size, size);
        return box;
    }
}
