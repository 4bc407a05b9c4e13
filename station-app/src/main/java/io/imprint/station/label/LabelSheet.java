package io.imprint.station.label;

import com.google.zxing.qrcode.encoder.ByteMatrix;
import java.awt.Color;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.ColumnText;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfWriter;

/**
 * A batch's labels as a PDF sheet for an office printer: A4, four labels across and five down, each a
 * QR code drawn as vector squares (crisp at any zoom or printer resolution) with the template's lines
 * under it in Liberation Sans, embedded for whatever script a device id is in. Each page goes to the
 * file as it fills; the file appears under its name only once complete.
 *
 * <p>Not thread-safe: one writer per sheet.
 */
final class LabelSheet implements AutoCloseable {

    static final int COLUMNS = 4;
    static final int ROWS = 5;
    static final float MARGIN = 28f;
    private static final float PAD = 6f;
    private static final float QR_SIDE = 92f;
    private static final Color CUT = new Color(0xc8, 0xcc, 0xd0);

    private final Path out;
    private final Path temporary;
    private final OutputStream stream;
    private final Document document;
    private final PdfWriter writer;
    private final Font idFont;
    private final Font textFont;
    private final String batchId;
    private long count;
    private boolean finished;

    private LabelSheet(Path out, Path temporary, OutputStream stream, Document document, PdfWriter writer, BaseFont font, String batchId) {
        this.out = out;
        this.temporary = temporary;
        this.stream = stream;
        this.document = document;
        this.writer = writer;
        this.idFont = new Font(font, 8f, Font.NORMAL, Color.BLACK);
        this.textFont = new Font(font, 6f, Font.NORMAL, Color.DARK_GRAY);
        this.batchId = batchId;
    }

    static LabelSheet create(Path out, String batchId) throws LabelException {
        Path absolute = out.toAbsolutePath();
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + ".tmp");
        try (InputStream ttf = BaseFont.class.getResourceAsStream("/font-fallback/LiberationSans-Regular.ttf")) {
            if (ttf == null) {
                throw LabelException.failed("the PDF font LiberationSans-Regular.ttf is missing from the OpenPDF jar", null);
            }
            BaseFont font = BaseFont.createFont("LiberationSans-Regular.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, false, ttf.readAllBytes(), null);
            OutputStream stream = new BufferedOutputStream(Files.newOutputStream(temporary));
            Document document = new Document(PageSize.A4, MARGIN, MARGIN, MARGIN, MARGIN);
            PdfWriter writer = PdfWriter.getInstance(document, stream);
            document.addTitle("Labels of batch " + batchId);
            document.open();
            return new LabelSheet(absolute, temporary, stream, document, writer, font, batchId);
        } catch (IOException | DocumentException e) {
            throw LabelException.failed("cannot write the label sheet " + absolute + ": " + e.getMessage(), e);
        }
    }

    void add(LabelContent label) throws LabelException {
        int onPage = (int) (count % (COLUMNS * ROWS));
        if (onPage == 0 && count > 0) {
            document.newPage();
        }
        float cellWidth = (PageSize.A4.getWidth() - 2 * MARGIN) / COLUMNS;
        float cellHeight = (PageSize.A4.getHeight() - 2 * MARGIN) / ROWS;
        float left = MARGIN + (onPage % COLUMNS) * cellWidth;
        float top = PageSize.A4.getHeight() - MARGIN - (onPage / COLUMNS) * cellHeight;
        PdfContentByte cb = writer.getDirectContent();
        cb.setColorStroke(CUT);
        cb.setLineWidth(0.3f);
        cb.rectangle(left, top - cellHeight, cellWidth, cellHeight);
        cb.stroke();
        float qrTop = top - PAD;
        drawQr(cb, QrCodes.modules(label.qrText()), left + (cellWidth - QR_SIDE) / 2, qrTop - QR_SIDE);
        ColumnText text = new ColumnText(cb);
        text.setSimpleColumn(left + PAD, top - cellHeight + PAD, left + cellWidth - PAD, qrTop - QR_SIDE - 4);
        for (int i = 0; i < label.lines().size(); i++) {
            Paragraph p = new Paragraph(i == 0 ? 9.5f : 7.5f, label.lines().get(i), i == 0 ? idFont : textFont);
            p.setAlignment(Element.ALIGN_CENTER);
            text.addElement(p);
        }
        try {
            text.go();
        } catch (DocumentException e) {
            throw LabelException.failed("cannot write the label of " + label.deviceId() + " to the sheet: " + e.getMessage(), e);
        }
        count++;
    }

    /** Dark modules as one filled path of horizontal runs: no seams between squares, few path operators. */
    private static void drawQr(PdfContentByte cb, ByteMatrix m, float x, float y) {
        float module = QR_SIDE / m.getWidth();
        cb.setColorFill(Color.BLACK);
        for (int row = 0; row < m.getHeight(); row++) {
            int col = 0;
            while (col < m.getWidth()) {
                if (m.get(col, row) != 1) {
                    col++;
                    continue;
                }
                int start = col;
                while (col < m.getWidth() && m.get(col, row) == 1) {
                    col++;
                }
                cb.rectangle(x + start * module, y + (m.getHeight() - 1 - row) * module, (col - start) * module, module);
            }
        }
        cb.fill();
    }

    long count() {
        return count;
    }

    /** Completes the sheet and puts it under its name; returns how many labels it has. */
    long finish() throws LabelException {
        try {
            if (count == 0) {
                document.add(new Paragraph("Batch " + batchId + " has no provisioned boards yet: no labels.", textFont));
            }
            document.close();
            stream.close();
            Files.move(temporary, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            finished = true;
            return count;
        } catch (IOException | DocumentException e) {
            throw LabelException.failed("cannot write the label sheet " + out + ": " + e.getMessage(), e);
        }
    }

    /** Without {@link #finish()}: gives the half-written sheet up, leaving no file behind. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        try {
            if (document.isOpen()) {
                document.close();
            }
        } catch (RuntimeException ignored) {
            // The sheet is being given up; its file is deleted below.
        }
        try {
            stream.close();
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // A leftover hidden temporary file is all that remains.
        }
    }
}
