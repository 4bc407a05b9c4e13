package io.imprint.station.report;

import io.imprint.station.batch.Batch;
import io.imprint.station.report.ReportSections.AuditStatus;
import io.imprint.station.report.ReportSections.CycleTimes;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Element;
import org.openpdf.text.Image;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.ColumnText;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfTemplate;
import org.openpdf.text.pdf.PdfWriter;

/**
 * The report as a PDF for QA to file or print: A4 landscape, the header and counts on the first page,
 * charts and the section tables after, then every device ({@link PdfDeviceTable}). OpenPDF writes each
 * page to the stream when it is full, so memory stays flat whatever the batch's size.
 *
 * <p>Not thread-safe.
 */
final class PdfReportWriter implements ReportWriter {

    private static final float AUDIT_BOX_HEIGHT = 64;
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final OutputStream out;
    private Document document;
    private PdfFonts fonts;
    private PdfDeviceTable devices;
    private PdfTemplate auditBox;

    PdfReportWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void begin(BatchReport r) throws ReportException {
        fonts = new PdfFonts();
        document = new Document(PageSize.A4.rotate(), 36, 36, 36, 40);
        try {
            PdfWriter writer = PdfWriter.getInstance(document, out);
            // Level 1 deflates several times faster than the default and the file is barely larger: the
            // device table is most of the bytes, and it is what makes a 100,000-device report take seconds.
            writer.setCompressionLevel(1);
            writer.setCloseStream(false);
            String batchId = r.header().batch().id();
            writer.setPageEvent(new PdfFooter(fonts, "Imprint batch report " + batchId + " · " + TIME.format(r.header().generatedAt())));
            document.addTitle("Batch report " + batchId);
            document.addCreator("Imprint");
            document.open();
            summaryPage(r, writer);
            document.newPage();
            sections(r, writer);
            devices = new PdfDeviceTable(document, writer, fonts);
        } catch (DocumentException e) {
            throw failed(e);
        }
    }

    private void summaryPage(BatchReport r, PdfWriter writer) throws DocumentException {
        ReportHeader h = r.header();
        Batch b = h.batch();
        document.add(new Paragraph("Batch report " + b.id(), fonts.bold(18)));
        document.add(new Paragraph(b.product() + " · role " + b.role(), fonts.text(12)));
        document.add(spacer());
        PdfPTable header = PdfTables.keyValues(fonts, 2,
                "Work order", b.id(), "Product", b.product(), "Role", b.role(), "Strategy", b.strategy().name(),
                "Profile", b.profile(), "Status", b.status().name(), "Quantity", Integer.toString(b.quantity()),
                "Station", h.stationId(), "Created", time(b.createdAt()) + " by " + b.createdBy(),
                "Opened", h.openedAt().map(t -> time(t) + " by " + h.openedBy().orElse("?")).orElse("never"),
                "Closed", h.closedAt().map(t -> time(t) + " by " + h.closedBy().orElse("?")).orElse("not closed"),
                "Report made", time(h.generatedAt()) + " by " + h.generatedBy());
        document.add(header);
        document.add(spacer());
        ReportCounts c = r.counts();
        PdfPTable counts = PdfTables.tiles(fonts, "Done", c.done(), "Failed", c.failed(), "Abandoned", c.abandoned(), "Remaining", c.remaining(),
                "Yield", percent(c.yieldPercent()), "First-pass yield", percent(c.firstPassYieldPercent()), "Retries", c.retries(),
                "Attempts", c.attempts());
        document.add(counts);
        document.add(spacer());
        // Filled in at the end: the audit trail is verified while the devices stream (Reports.write).
        auditBox = writer.getDirectContent().createTemplate(document.right() - document.left(), AUDIT_BOX_HEIGHT);
        document.add(Image.getInstance(auditBox));
        document.add(spacer());
        document.add(new Paragraph("CA chain", fonts.bold(11)));
        List<String> chain = h.caChain().stream().flatMap(ca -> java.util.stream.Stream.of(ca.subject(), ca.sha256() + "  (until " + time(ca.notAfter()) + ")")).toList();
        document.add(PdfTables.keyValues(fonts, 1, chain.isEmpty() ? List.of("CA", "not available on this station") : chain));
    }

    private Paragraph auditParagraph(AuditStatus a) {
        Paragraph p = new Paragraph();
        p.add(new Phrase("Audit trail: ", fonts.bold(11)));
        String verdict = a.intact() ? "intact" : "TAMPERING FOUND";
        p.add(new Phrase(verdict, new org.openpdf.text.Font(fonts.bold, 11, org.openpdf.text.Font.NORMAL, a.intact() ? PdfFonts.GOOD : PdfFonts.BAD)));
        p.add(new Phrase("  (" + a.rows() + " events, " + a.checkpoints() + " signed checkpoints; last checkpoint "
                + (a.lastCheckpointAt() == null ? "none yet" : "at event " + a.lastCheckpointSeq() + ", " + time(a.lastCheckpointAt())) + ")", fonts.text(10)));
        List<String> lines = new java.util.ArrayList<>(a.problems());
        a.warnings().forEach(w -> lines.add("note: " + w));
        for (String line : lines.subList(0, Math.min(3, lines.size()))) {
            p.add(new Phrase("\n" + line, fonts.text(9, line.startsWith("note: ") ? PdfFonts.MUTED : PdfFonts.BAD)));
        }
        if (lines.size() > 3) {
            p.add(new Phrase("\n… " + (lines.size() - 3) + " more: see imprint audit verify", fonts.text(9, PdfFonts.BAD)));
        }
        return p;
    }

    private void sections(BatchReport r, PdfWriter writer) throws DocumentException, ReportException {
        CycleTimes ct = r.cycleTimes();
        PdfPTable charts = new PdfPTable(3);
        charts.setWidthPercentage(100);
        float w = 250;
        float h = 160;
        charts.addCell(imageCell(r.failures().isEmpty() ? null : PdfCharts.pareto(r.failures(), w, h), "No failures"));
        charts.addCell(imageCell(r.throughput().isEmpty() ? null : PdfCharts.throughput(r.throughput(), w, h), "No board passed yet"));
        charts.addCell(imageCell(ct.histogram().isEmpty() ? null : PdfCharts.histogram(ct.histogram(), w, h), "No cycle times yet"));
        document.add(charts);
        document.add(spacer());
        document.add(new Paragraph("Cycle time of passed boards: " + ct.count() + " boards, mean " + seconds(ct.meanMillis()) + ", p50 "
                + seconds(ct.p50Millis()) + ", p90 " + seconds(ct.p90Millis()) + ", p99 " + seconds(ct.p99Millis()) + ", max "
                + seconds(ct.maxMillis()), fonts.text(10)));
        document.add(spacer());
        PdfTables.section(document, fonts, "Failures by reason", List.of("Reason", "Attempts", "Cumulative"),
                r.failures().stream().map(f -> List.of(f.reason(), Long.toString(f.count()), percent(f.cumulativePercent()))).toList(), 6, 1, 1);
        PdfTables.section(document, fonts, "Slots", List.of("Slot", "Attempts", "Passed", "Failed", "Yield", "Mean cycle"),
                r.slots().stream().map(s -> List.of(s.slot(), Long.toString(s.attempts()), Long.toString(s.passed()), Long.toString(s.failed()),
                        percent(s.yieldPercent()), seconds(s.meanCycleMillis()))).toList(), 2, 1, 1, 1, 1, 1);
        PdfTables.section(document, fonts, "Steps", List.of("Step", "Timed", "Mean", "p90", "Max"),
                r.steps().stream().map(s -> List.of(s.step(), Long.toString(s.count()), seconds(s.meanMillis()), seconds(s.p90Millis()),
                        seconds(s.maxMillis()))).toList(), 2, 1, 1, 1, 1);
        PdfTables.section(document, fonts, "Operators", List.of("Operator", "Attempts", "Passed", "Failed"),
                r.operators().stream().map(o -> List.of(o.operator(), Long.toString(o.attempts()), Long.toString(o.passed()), Long.toString(o.failed()))).toList(),
                2, 1, 1, 1);
        PdfTables.section(document, fonts, "Revocations (" + r.revocations().size() + ")", List.of("Serial", "Device", "Reason", "When"),
                r.revocations().stream().map(v -> List.of(v.serial(), v.deviceId(), v.reason() == null ? "" : v.reason(), time(v.revokedAt()))).toList(),
                3, 2, 1, 2);
    }

    private PdfPCell imageCell(Image image, String none) {
        PdfPCell cell = image == null ? new PdfPCell(new Phrase(none, fonts.text(10, PdfFonts.MUTED))) : new PdfPCell(image, true);
        cell.setBorder(0);
        cell.setPadding(4);
        cell.setHorizontalAlignment(Element.ALIGN_CENTER);
        return cell;
    }

    @Override
    public void device(DeviceLine line) throws ReportException {
        try {
            devices.add(line);
        } catch (DocumentException e) {
            throw failed(e);
        }
    }

    @Override
    public void end(long count, AuditStatus audit) throws ReportException {
        try {
            devices.finish(count);
            fill(auditBox, auditParagraph(audit));
            document.close();
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** Writes {@code content} into space kept on an earlier page; what does not fit is cut. */
    private static void fill(PdfTemplate box, Element content) {
        ColumnText column = new ColumnText(box);
        column.setSimpleColumn(0, 0, box.getWidth(), box.getHeight());
        column.addElement(content);
        column.go();
    }

    private static Paragraph spacer() {
        Paragraph p = new Paragraph(" ");
        p.setLeading(8);
        return p;
    }

    static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    static String percent(double p) {
        return String.format(Locale.ROOT, "%.1f %%", p);
    }

    static String seconds(double millis) {
        return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }

    private static ReportException failed(Exception e) {
        return new ReportException("cannot write the PDF report: " + e.getMessage(), e);
    }
}
