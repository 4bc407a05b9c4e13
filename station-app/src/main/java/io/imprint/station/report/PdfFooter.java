package io.imprint.station.report;

import org.openpdf.text.Document;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfPageEventHelper;
import org.openpdf.text.pdf.PdfWriter;

/**
 * Writes the report's name and the page number at the foot of every page, so a printed page that
 * strays from its stack still says where it belongs.
 *
 * <p>Not thread-safe: one per document.
 */
final class PdfFooter extends PdfPageEventHelper {

    private final PdfFonts fonts;
    private final String title;

    PdfFooter(PdfFonts fonts, String title) {
        this.fonts = fonts;
        this.title = title;
    }

    @Override
    public void onEndPage(PdfWriter writer, Document document) {
        PdfContentByte cb = writer.getDirectContent();
        cb.saveState();
        cb.beginText();
        cb.setColorFill(PdfFonts.MUTED);
        cb.setFontAndSize(fonts.text, 8);
        cb.showTextAligned(PdfContentByte.ALIGN_LEFT, title, document.left(), 20, 0);
        cb.setFontAndSize(fonts.ascii, 8);
        cb.showTextAligned(PdfContentByte.ALIGN_RIGHT, "page " + writer.getPageNumber(), document.right(), 20, 0);
        cb.endText();
        cb.restoreState();
    }
}
