package io.imprint.station.report;

import java.awt.Color;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfWriter;

/**
 * The per-device table, drawn straight into each page's content: two lines a device (what the board is
 * and where it was provisioned; then its certificate's serial, SHA-256 and expiry in full). A table of
 * layout objects cost a hundred times more per cell, and a 100,000-device report must take seconds.
 *
 * <p>Not thread-safe: one per document.
 */
final class PdfDeviceTable {

    private static final float ROW = 20;
    private static final float TEXT = 7.5f;
    private static final float SMALL = 6.5f;
    private static final Color ZEBRA = new Color(0xf6, 0xf8, 0xfa);
    private static final String[] HEADINGS = {"Device", "Status", "Chip UID", "HW", "FW", "Slot", "Operator", "Attempts", "Provisioned (UTC)"};
    private static final float[] WIDTHS = {170, 70, 130, 45, 60, 70, 80, 40, 105};

    private final Document document;
    private final PdfContentByte cb;
    private final PdfFonts fonts;
    private final float[] x = new float[WIDTHS.length];
    private float y;
    private long row;
    private final java.util.List<Placed> page = new java.util.ArrayList<>();
    /** The font the open text object is set in, so each cell need not set it again. */
    private BaseFont current;
    /** Where the open text object's current line starts; NaN before its first text. */
    private float lineX = Float.NaN;
    private float lineY;

    PdfDeviceTable(Document document, PdfWriter writer, PdfFonts fonts) throws DocumentException {
        this.document = document;
        this.cb = writer.getDirectContent();
        this.fonts = fonts;
        float at = document.left();
        for (int i = 0; i < WIDTHS.length; i++) {
            x[i] = at;
            at += WIDTHS[i];
        }
        document.newPage();
        y = document.top();
        cb.beginText();
        cb.setFontAndSize(fonts.bold, 12);
        cb.setColorFill(PdfFonts.INK);
        cb.setTextMatrix(document.left(), y - 12);
        cb.showText("Devices");
        cb.endText();
        y -= 22;
        headings();
    }

    void add(DeviceLine d) throws DocumentException {
        if (y - ROW < document.bottom()) {
            flush();
            document.newPage();
            y = document.top();
            headings();
        }
        page.add(new Placed(d, y));
        y -= ROW;
    }

    void finish(long count) throws DocumentException {
        flush();
        if (y - ROW < document.bottom()) {
            document.newPage();
            y = document.top();
        }
        cb.beginText();
        cb.setColorFill(PdfFonts.MUTED);
        cb.setFontAndSize(fonts.ascii, 9);
        cb.setTextMatrix(document.left(), y - 14);
        cb.showText(count == 0 ? "No devices in this batch yet." : count + " devices listed.");
        cb.endText();
    }

    /** A device and the top of its row on the page. */
    private record Placed(DeviceLine device, float top) {
    }

    /**
     * Draws the page's rows in three sweeps, the zebra stripes, then every first line, then every second:
     * one colour, one text object and few font changes a page instead of a row, each position a
     * two-number move from the last. Formatting numbers and switching state was most of the table's cost.
     */
    private void flush() {
        if (page.isEmpty()) {
            return;
        }
        cb.setColorFill(ZEBRA);
        for (int i = 1; i < page.size(); i += 2) {
            cb.rectangle(document.left(), page.get(i).top() - ROW, document.right() - document.left(), ROW);
        }
        cb.fill();
        cb.beginText();
        current = null;
        lineX = Float.NaN;
        cb.setColorFill(PdfFonts.INK);
        for (Placed p : page) {
            DeviceLine d = p.device();
            float line1 = p.top() - 8.5f;
            cell(0, line1, d.deviceId());
            cell(1, line1, d.status());
            cell(2, line1, d.chipUid());
            cell(3, line1, d.hardwareRevision());
            cell(4, line1, d.firmwareVersion());
            cell(5, line1, d.slot());
            cell(6, line1, d.operator());
            cell(7, line1, Long.toString(d.attempts()));
            cell(8, line1, d.provisionedAt() == null ? "" : PdfReportWriter.TIME.format(d.provisionedAt()));
        }
        cb.setColorFill(PdfFonts.MUTED);
        cb.setFontAndSize(fonts.ascii, SMALL);
        current = fonts.ascii;
        for (Placed p : page) {
            DeviceLine d = p.device();
            moveTo(x[0] + 8, p.top() - 16.5f);
            showAscii(d.certificateSerial() == null && d.certificateSha256() == null ? "no certificate"
                    : "serial " + orDash(d.certificateSerial()) + "    SHA-256 " + orDash(d.certificateSha256())
                    + (d.notAfter() == null ? "" : "    not after " + PdfReportWriter.TIME.format(d.notAfter())));
        }
        cb.endText();
        page.clear();
    }

    private void headings() {
        cb.beginText();
        cb.setColorFill(PdfFonts.MUTED);
        cb.setFontAndSize(fonts.bold, 8);
        for (int i = 0; i < HEADINGS.length; i++) {
            cb.setTextMatrix(x[i], y - 9);
            cb.showText(HEADINGS[i]);
        }
        cb.endText();
        cb.setColorStroke(PdfFonts.MUTED);
        cb.setLineWidth(0.5f);
        cb.moveTo(document.left(), y - 13);
        cb.lineTo(document.right(), y - 13);
        cb.stroke();
        y -= 15;
    }

    /**
     * Printable ASCII (device ids and chip uids always are, by the protocol) in the standard Helvetica;
     * anything else in the embedded font. Glyph look-ups for the embedded font were a tenth of a large
     * report's time, and Helvetica adds nothing to the file.
     */
    private void cell(int column, float baseline, String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        BaseFont font = printableAscii(text) ? fonts.ascii : fonts.text;
        if (font != current) {
            cb.setFontAndSize(font, TEXT);
            current = font;
        }
        moveTo(x[column], baseline);
        String shown = fit(font, TEXT, text, WIDTHS[column] - 4);
        if (font == fonts.ascii) {
            showAscii(shown);
        } else {
            cb.showText(shown);
        }
    }

    private static final byte[] SHOW = ") Tj\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * Writes {@code (text) Tj} straight into the page's content for printable ASCII (and the ellipsis of a
     * cut cell, which WinAnsi also has) in the standard, never embedded Helvetica: the same bytes OpenPDF's
     * showText writes, without its encoding look-up per call, which was a third of drawing the table.
     */
    private void showAscii(String text) {
        org.openpdf.text.pdf.ByteBuffer content = cb.getInternalBuffer();
        content.append_i('(');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == ')' || c == '\\') {
                content.append_i('\\');
            }
            content.append_i(c == '…' ? 0x85 : c);
        }
        content.append(SHOW);
    }

    /** Starts the next text at ({@code tx}, {@code ty}): a Td from the last start, or a text matrix for the first. */
    private void moveTo(float tx, float ty) {
        if (Float.isNaN(lineX)) {
            cb.setTextMatrix(tx, ty);
            lineX = tx;
            lineY = ty;
            return;
        }
        // The move as the page will hold it (two decimals), so rounding never adds up over a page's moves.
        float dx = Math.round((tx - lineX) * 100) / 100f;
        float dy = Math.round((ty - lineY) * 100) / 100f;
        cb.moveText(dx, dy);
        lineX += dx;
        lineY += dy;
    }

    static boolean printableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** The text, cut with an ellipsis where it is wider than the column. */
    static String fit(BaseFont font, float size, String text, float width) {
        if (font.getWidthPoint(text, size) <= width) {
            return text;
        }
        int end = text.length();
        while (end > 1 && font.getWidthPoint(text.substring(0, end) + "…", size) > width) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
