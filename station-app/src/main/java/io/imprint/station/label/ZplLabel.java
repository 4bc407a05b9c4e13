package io.imprint.station.label;

import java.nio.charset.StandardCharsets;

/**
 * One label as ZPL II for a Zebra printer: the QR code on the left, as large as the label's height
 * allows, the template's lines beside it, wrapped by the printer. Every field's data is sent through
 * {@code ^FH} hex escapes for {@code ^ ~ _ \}, control characters and anything not ASCII: a device id
 * comes from a board, and a {@code ^} in it would otherwise start a printer command.
 *
 * <p>Immutable and thread-safe.
 */
public final class ZplLabel {

    private static final float MARGIN_MM = 1.5f;
    private static final int MAX_MAGNIFICATION = 10;
    private static final int MAX_WRAPPED_ROWS = 4;

    private final LabelSize size;

    public ZplLabel(LabelSize size) {
        this.size = size;
    }

    /** The label's ZPL, from {@code ^XA} to {@code ^XZ}; refused when the QR code does not fit the label. */
    public String render(LabelContent label) throws LabelException {
        int modules = QrCodes.modules(label.qrText()).getWidth();
        int margin = Math.round(MARGIN_MM * size.dpi() / 25.4f);
        int magnification = Math.min(MAX_MAGNIFICATION, (size.heightDots() - 2 * margin) / modules);
        if (magnification < 2) {
            throw LabelException.refused("the QR code for " + label.deviceId() + " (" + modules + " modules) does not fit a " + size.widthMm() + "x"
                    + size.heightMm() + " mm label at " + size.dpi() + " dpi: use a larger label or a shorter template");
        }
        int qrSide = modules * magnification;
        StringBuilder zpl = new StringBuilder(512);
        zpl.append("^XA^CI28^PW").append(size.widthDots()).append("^LL").append(size.heightDots()).append("^LH0,0\n");
        zpl.append("^FO").append(margin).append(',').append(margin).append("^BQN,2,").append(magnification)
                .append("^FH^FDMA,").append(escape(label.qrText())).append("^FS\n");
        int x = margin * 2 + qrSide;
        int width = size.widthDots() - x - margin;
        int y = margin;
        for (int i = 0; i < label.lines().size() && width > 0; i++) {
            int height = Math.round((i == 0 ? 2.8f : 2.2f) * size.dpi() / 25.4f);
            // A line that would run off the label is cut to the rows left; lines after it have no room.
            int rows = Math.min(rows(label.lines().get(i), height, width), (size.heightDots() - margin - y) / height);
            if (rows < 1) {
                break;
            }
            zpl.append("^FO").append(x).append(',').append(y).append("^A0N,").append(height).append(',').append(height)
                    .append("^FB").append(width).append(',').append(rows).append(",0,L,0")
                    .append("^FH^FD").append(escape(label.lines().get(i))).append("^FS\n");
            y += rows * height + margin / 2;
        }
        return zpl.append("^XZ\n").toString();
    }

    /** How many rows the printer will wrap a line into: a scalable font's glyphs average about 0.55 of its height. */
    private static int rows(String line, int height, int width) {
        int perRow = Math.max(1, (int) (width / (height * 0.55f)));
        return Math.clamp((line.length() + perRow - 1) / perRow, 1, MAX_WRAPPED_ROWS);
    }

    /** Field data for {@code ^FH} (indicator {@code _}): safe ASCII as it is, every other byte of its UTF-8 as {@code _XX}. */
    public static String escape(String data) {
        StringBuilder out = new StringBuilder(data.length() + 16);
        for (byte b : data.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '^' && c != '~' && c != '_' && c != '\\') {
                out.append((char) c);
            } else {
                out.append('_').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    public LabelSize size() {
        return size;
    }
}
