package io.imprint.station.label;

/**
 * A label's size and the printer's resolution.
 *
 * <p>Immutable and thread-safe.
 *
 * @param widthMm  across the label
 * @param heightMm along the feed
 * @param dpi      printer dots per inch (203, 300 or 600 for Zebra heads)
 */
public record LabelSize(int widthMm, int heightMm, int dpi) {

    public static final LabelSize DEFAULT = new LabelSize(50, 30, 203);

    public LabelSize {
        if (widthMm < 15 || widthMm > 200 || heightMm < 15 || heightMm > 300) {
            throw new IllegalArgumentException("a label is 15-200 mm wide and 15-300 mm long, not " + widthMm + "x" + heightMm + " mm");
        }
        if (dpi != 152 && dpi != 203 && dpi != 300 && dpi != 600) {
            throw new IllegalArgumentException("a Zebra printer has 152, 203, 300 or 600 dpi, not " + dpi);
        }
    }

    /** {@code 50x30} as a size at {@code dpi}; refused with what a size looks like. */
    public static LabelSize parse(String size, int dpi) throws LabelException {
        var m = java.util.regex.Pattern.compile("(\\d{1,3})x(\\d{1,3})").matcher(size.strip());
        if (!m.matches()) {
            throw LabelException.refused("label size must be WIDTHxHEIGHT in mm, e.g. 50x30, not '" + size + "'");
        }
        try {
            return new LabelSize(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), dpi);
        } catch (IllegalArgumentException e) {
            throw LabelException.refused(e.getMessage());
        }
    }

    int dots(int mm) {
        return Math.round(mm * dpi / 25.4f);
    }

    public int widthDots() {
        return dots(widthMm);
    }

    public int heightDots() {
        return dots(heightMm);
    }
}
