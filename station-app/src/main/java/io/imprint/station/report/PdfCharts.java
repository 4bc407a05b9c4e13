package io.imprint.station.report;

import io.imprint.station.report.ReportSections.FailureReason;
import io.imprint.station.report.ReportSections.HistogramBucket;
import io.imprint.station.report.ReportSections.Throughput;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.openpdf.text.BadElementException;
import org.openpdf.text.Image;

/**
 * The report's charts, drawn by JFreeChart into images for the PDF: the failure Pareto, units per hour
 * and the cycle-time histogram.
 *
 * <p>Stateless and thread-safe.
 */
final class PdfCharts {

    /** Pixels per PDF point: sharp when printed. */
    private static final int SCALE = 3;

    private PdfCharts() {
    }

    static Image pareto(List<FailureReason> failures, float width, float height) throws ReportException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        failures.stream().limit(8).forEach(f -> data.addValue(f.count(), "failures", f.shortReason(38)));
        JFreeChart chart = ChartFactory.createBarChart("Failures by reason", null, "attempts", data, PlotOrientation.HORIZONTAL, false, false, false);
        return image(chart, width, height);
    }

    /** On a time axis: a shift of days has hundreds of periods, too many to name each as a category. */
    static Image throughput(List<Throughput> points, float width, float height) throws ReportException {
        org.jfree.data.time.TimeSeries series = new org.jfree.data.time.TimeSeries("units/hour");
        java.util.TimeZone utc = java.util.TimeZone.getTimeZone("UTC");
        points.forEach(p -> series.addOrUpdate(new org.jfree.data.time.Millisecond(java.util.Date.from(p.start()), utc, java.util.Locale.ROOT),
                p.unitsPerHour()));
        JFreeChart chart = ChartFactory.createTimeSeriesChart("Units per hour (UTC)", null, "units/hour",
                new org.jfree.data.time.TimeSeriesCollection(series, utc), false, false, false);
        org.jfree.chart.plot.XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(new Color(0xf6, 0xf8, 0xfa));
        plot.setRangeGridlinePaint(new Color(0xd0, 0xd7, 0xde));
        plot.setDomainGridlinePaint(new Color(0xd0, 0xd7, 0xde));
        plot.getRenderer().setSeriesPaint(0, BAR);
        plot.getRenderer().setSeriesStroke(0, new java.awt.BasicStroke(1.5f));
        if (plot.getRenderer() instanceof org.jfree.chart.renderer.xy.XYLineAndShapeRenderer line) {
            line.setDefaultShapesVisible(points.size() < 3);
        }
        ((org.jfree.chart.axis.DateAxis) plot.getDomainAxis()).setTimeZone(utc);
        for (org.jfree.chart.axis.Axis axis : new org.jfree.chart.axis.Axis[] {plot.getDomainAxis(), plot.getRangeAxis()}) {
            axis.setLabelFont(LABEL);
            axis.setTickLabelFont(TICK);
        }
        chart.getTitle().setFont(TITLE);
        return draw(chart, width, height);
    }

    static Image histogram(List<HistogramBucket> buckets, float width, float height) throws ReportException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        long bucketWidth = HistogramBucket.width(buckets);
        buckets.forEach(b -> data.addValue(b.count(), "attempts", b.label(bucketWidth)));
        JFreeChart chart = ChartFactory.createBarChart("Cycle time of passed boards", null, "boards", data, PlotOrientation.VERTICAL, false, false, false);
        chart.getCategoryPlot().getDomainAxis().setCategoryLabelPositions(org.jfree.chart.axis.CategoryLabelPositions.UP_90);
        return image(chart, width, height);
    }

    private static final java.awt.Font TITLE = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 11);
    private static final java.awt.Font LABEL = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 8);
    private static final java.awt.Font TICK = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 7);
    private static final Color BAR = new Color(0x09, 0x69, 0xda);

    private static void style(JFreeChart chart) {
        chart.getTitle().setFont(TITLE);
        org.jfree.chart.plot.CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(new Color(0xf6, 0xf8, 0xfa));
        plot.setRangeGridlinePaint(new Color(0xd0, 0xd7, 0xde));
        for (org.jfree.chart.axis.Axis axis : new org.jfree.chart.axis.Axis[] {plot.getDomainAxis(), plot.getRangeAxis()}) {
            axis.setLabelFont(LABEL);
            axis.setTickLabelFont(TICK);
        }
        plot.getDomainAxis().setMaximumCategoryLabelLines(2);
        plot.getDomainAxis().setCategoryMargin(0.1);
        plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(0.9f);
        plot.getRangeAxis().setStandardTickUnits(org.jfree.chart.axis.NumberAxis.createIntegerTickUnits());
        if (plot.getRenderer() instanceof org.jfree.chart.renderer.category.BarRenderer bars) {
            bars.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
            bars.setShadowVisible(false);
            bars.setSeriesPaint(0, BAR);
            bars.setMaximumBarWidth(0.2);
        }
    }

    private static Image image(JFreeChart chart, float width, float height) throws ReportException {
        style(chart);
        return draw(chart, width, height);
    }

    private static Image draw(JFreeChart chart, float width, float height) throws ReportException {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        BufferedImage img = new BufferedImage(Math.round(width * SCALE), Math.round(height * SCALE), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(SCALE, SCALE);
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g.dispose();
        }
        try {
            Image pdfImage = Image.getInstance(img, null);
            pdfImage.scaleAbsolute(width, height);
            return pdfImage;
        } catch (BadElementException | IOException e) {
            throw new ReportException("cannot draw a chart into the PDF: " + e.getMessage(), e);
        }
    }
}
