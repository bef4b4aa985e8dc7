package io.neuroframe.world.train;

import io.neuroframe.codec.data.ImageIo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Plots of a {@link CoherenceReport}: one PNG per style, {@code holds-together-<style>.png}, with a
 * panel per {@link CoherenceStatistic} showing its ratio to the real-to-real spread against the
 * step for each curve, and the line the figures must stay under.
 */
public final class CoherencePlots {
    private static final int PANEL_WIDTH = 640;
    private static final int PANEL_HEIGHT = 400;
    private static final int COLUMNS = 3;
    private static final Color[] DRIVER_COLOURS = {new Color(0xD95F02), new Color(0x7570B3), new Color(0x1B9E77)};

    private CoherencePlots() {
    }

    /**
     * Writes one figure per style into {@code folder} (made if missing).
     *
     * @return the files written, in the report's style order
     */
    public static List<Path> write(CoherenceReport report, Path folder) throws IOException {
        Files.createDirectories(folder);
        List<Path> files = new ArrayList<>();
        for (CoherenceReport.StyleResult r : report.styles()) {
            Path file = folder.resolve("holds-together-" + r.reference().style() + ".png");
            ImageIo.writePngAtomically(figure(report, r), file);
            files.add(file);
        }
        return files;
    }

    private static BufferedImage figure(CoherenceReport report, CoherenceReport.StyleResult r) {
        CoherenceStatistic[] statistics = CoherenceStatistic.values();
        int rows = (statistics.length + 1 + COLUMNS - 1) / COLUMNS;
        BufferedImage image = new BufferedImage(COLUMNS * PANEL_WIDTH, rows * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < statistics.length; i++) {
                BufferedImage panel = BitmapEncoder.getBufferedImage(panel(report, r, statistics[i]));
                g.drawImage(panel, i % COLUMNS * PANEL_WIDTH, i / COLUMNS * PANEL_HEIGHT, null);
            }
            caption(g, report, r, statistics.length % COLUMNS * PANEL_WIDTH, statistics.length / COLUMNS * PANEL_HEIGHT);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static XYChart panel(CoherenceReport report, CoherenceReport.StyleResult r, CoherenceStatistic statistic) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
                .title(r.reference().style() + ": " + statistic.label()).xAxisTitle("step")
                .yAxisTitle("x real-to-real spread").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal)
                .setMarkerSize(0);
        int every = labelEvery(report.horizon());
        chart.getStyler().setxAxisTickLabelsFormattingFunction(
                step -> Math.rint(step) == step && (long) (double) step % every == 0 ? String.valueOf((long) (double) step) : "");
        for (CoherenceCurve c : r.curves().values()) {
            double[] steps = IntStream.range(0, c.steps()).asDoubleStream().toArray();
            double[] ratios = IntStream.range(0, c.steps()).mapToDouble(k -> c.ratio(statistic, k)).toArray();
            XYSeries series = chart.addSeries(c.driver().label(), steps, ratios);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(DRIVER_COLOURS[c.driver().ordinal()]);
        }
        XYSeries limit = chart.addSeries(String.format(Locale.ROOT, "%.0fx spread", CoherenceReport.SPREAD_FACTOR),
                new double[] {0, report.horizon()},
                new double[] {CoherenceReport.SPREAD_FACTOR, CoherenceReport.SPREAD_FACTOR});
        limit.setMarker(SeriesMarkers.NONE);
        limit.setLineColor(Color.BLACK);
        limit.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        return chart;
    }

    /** A round step between x-axis labels that gives at most about ten of them (XChart crowds them otherwise). */
    private static int labelEvery(int horizon) {
        int[] rounds = {1, 2, 5};
        for (int scale = 1; ; scale *= 10) {
            for (int r : rounds) {
                if (horizon / (r * scale) <= 10) {
                    return r * scale;
                }
            }
        }
    }

    private static void caption(Graphics2D g, CoherenceReport report, CoherenceReport.StyleResult r, int x, int y) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString("style " + r.reference().style(), x + 30, y + 50);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        List<String> lines = new ArrayList<>();
        lines.add("reference: " + String.join(", ", r.reference().trajectories()));
        lines.add(String.format(Locale.ROOT, "each point: the frames of the %d steps up to it,", report.window()));
        lines.add("distance to the style's real frames over the");
        lines.add("real-to-real spread (0: the real mean; 1: as far as");
        lines.add("one real trajectory is from another)");
        for (CoherenceCurve c : r.curves().values()) {
            lines.add(String.format(Locale.ROOT, "%s: %d run(s), %d steps", c.driver().label(), c.runs(), c.steps() - 1));
        }
        for (int i = 0; i < lines.size(); i++) {
            g.drawString(lines.get(i), x + 30, y + 90 + 24 * i);
        }
    }
}
