package io.imprint.station.report;

import java.awt.Color;
import java.util.List;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Element;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;

/**
 * The report's small tables: key/value pairs, count tiles, and titled sections. Every cell's text goes
 * through the embedded font: reasons and names may be in any script.
 *
 * <p>Stateless and thread-safe.
 */
final class PdfTables {

    private static final Color RULE = new Color(0xd0, 0xd7, 0xde);
    private static final Color HEAD = new Color(0xf6, 0xf8, 0xfa);

    private PdfTables() {
    }

    /** {@code pairsPerRow} key/value pairs a row, from alternating keys and values. */
    static PdfPTable keyValues(PdfFonts fonts, int pairsPerRow, String... keysAndValues) {
        return keyValues(fonts, pairsPerRow, List.of(keysAndValues));
    }

    static PdfPTable keyValues(PdfFonts fonts, int pairsPerRow, List<String> keysAndValues) {
        PdfPTable t = new PdfPTable(pairsPerRow * 2);
        t.setWidthPercentage(100);
        float[] widths = new float[pairsPerRow * 2];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = i % 2 == 0 ? 1 : 3;
        }
        try {
            t.setWidths(widths);
        } catch (DocumentException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < keysAndValues.size(); i++) {
            PdfPCell cell = new PdfPCell(new Phrase(keysAndValues.get(i), i % 2 == 0 ? fonts.text(9, PdfFonts.MUTED) : fonts.text(10)));
            cell.setBorder(PdfPCell.BOTTOM);
            cell.setBorderColor(RULE);
            cell.setPadding(3);
            t.addCell(cell);
        }
        t.completeRow();
        return t;
    }

    /** Big numbers with their names under them, all in one row. */
    static PdfPTable tiles(PdfFonts fonts, Object... namesAndValues) {
        PdfPTable t = new PdfPTable(namesAndValues.length / 2);
        t.setWidthPercentage(100);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Paragraph p = new Paragraph(String.valueOf(namesAndValues[i + 1]), fonts.bold(20));
            p.add(new Phrase("\n" + namesAndValues[i], fonts.text(9, PdfFonts.MUTED)));
            PdfPCell cell = new PdfPCell(p);
            cell.setHorizontalAlignment(Element.ALIGN_CENTER);
            cell.setBorderColor(RULE);
            cell.setPadding(6);
            cell.setPaddingBottom(8);
            t.addCell(cell);
        }
        return t;
    }

    /** A title and a table of {@code rows} under {@code columns}, with relative column widths; "none" when empty. */
    static void section(Document document, PdfFonts fonts, String title, List<String> columns, List<List<String>> rows, float... widths)
            throws DocumentException {
        document.add(new Paragraph(title, fonts.bold(11)));
        document.add(table(fonts, columns, rows, widths));
        Paragraph gap = new Paragraph(" ");
        gap.setLeading(10);
        document.add(gap);
    }

    /** A table of {@code rows} under {@code columns}, or "none" when there are no rows. */
    private static Element table(PdfFonts fonts, List<String> columns, List<List<String>> rows, float... widths) {
        if (rows.isEmpty()) {
            return new Paragraph("none", fonts.text(9, PdfFonts.MUTED));
        }
        PdfPTable t = new PdfPTable(widths);
        t.setWidthPercentage(100);
        t.setHeaderRows(1);
        t.setSpacingBefore(3);
        for (String c : columns) {
            PdfPCell cell = new PdfPCell(new Phrase(c, fonts.bold(8.5f)));
            cell.setBackgroundColor(HEAD);
            cell.setBorderColor(RULE);
            cell.setPadding(3);
            t.addCell(cell);
        }
        for (List<String> row : rows) {
            for (String value : row) {
                PdfPCell cell = new PdfPCell(new Phrase(value, fonts.text(8.5f)));
                cell.setBorderColor(RULE);
                cell.setPadding(3);
                t.addCell(cell);
            }
        }
        return t;
    }
}
