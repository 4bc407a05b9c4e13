package io.imprint.station.report;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Font;
import org.openpdf.text.pdf.BaseFont;

/**
 * The report's fonts: Liberation Sans (shipped in OpenPDF's jar) embedded for whatever a board or a
 * supervisor typed — product names and device ids in any script Liberation covers — and the standard
 * Helvetica, never embedded, for the ASCII the station writes itself (hex, times, numbers), which keeps a
 * 100,000-device table small and quick to write.
 *
 * <p>Not thread-safe: one set per document.
 */
final class PdfFonts {

    static final Color INK = new Color(0x1f, 0x23, 0x28);
    static final Color MUTED = new Color(0x57, 0x60, 0x6a);
    static final Color GOOD = new Color(0x1a, 0x7f, 0x37);
    static final Color BAD = new Color(0xcf, 0x22, 0x2e);

    final BaseFont text;
    final BaseFont ascii;
    final BaseFont bold;

    PdfFonts() throws ReportException {
        try (InputStream ttf = BaseFont.class.getResourceAsStream("/font-fallback/LiberationSans-Regular.ttf")) {
            if (ttf == null) {
                throw new ReportException("the PDF font LiberationSans-Regular.ttf is missing from the OpenPDF jar");
            }
            text = BaseFont.createFont("LiberationSans-Regular.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, false, ttf.readAllBytes(), null);
            ascii = BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
            bold = BaseFont.createFont(BaseFont.HELVETICA_BOLD, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
        } catch (IOException | DocumentException e) {
            throw new ReportException("cannot load the PDF fonts: " + e.getMessage(), e);
        }
    }

    Font text(float size) {
        return new Font(text, size, Font.NORMAL, INK);
    }

    Font text(float size, Color color) {
        return new Font(text, size, Font.NORMAL, color);
    }

    Font bold(float size) {
        return new Font(bold, size, Font.NORMAL, INK);
    }
}
