package io.neuroframe.adapter.experiment;

import io.neuroframe.adapter.mea.MeaGeometry;
import io.neuroframe.api.LatentContract;
import io.neuroframe.codec.data.ImageIo;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.HeatMapSeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's figures, drawn with XChart (image grids with Java2D) and written as PNG. */
final class ReportFigures {

    private static final Color[] DIVERGING = {new Color(0x2166AC), new Color(0x92C5DE), Color.WHITE,
        new Color(0xF4A582), new Color(0xB2182B)};
    private static final Color[] SEQUENTIAL = {new Color(0x0D0887), new Color(0x9C179E), new Color(0xED7953),
        new Color(0xF0F921)};

    private ReportFigures() {
    }

    /**
     * Validation MSE over training steps, one line per condition (mean over its seeds and libraries), with the
     * frozen codec as a flat reference line.
     */
    static void lossCurves(Map<String, double[][]> curves, double frozenMse, Path file) throws IOException {
        lossCurves(curves, frozenMse, "Validation loss over training", "validation MSE ([0, 1] pixels)", file);
    }

    /** {@link #lossCurves(Map, double, Path)} with its own title and y-axis title (e.g. for training loss). */
    static void lossCurves(Map<String, double[][]> curves, double frozenMse, String title, String yTitle, Path file)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title)
                .xAxisTitle("step").yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE).setMarkerSize(4);
        chart.getStyler().setYAxisDecimalPattern("0.00000");
        double lastStep = 1;
        for (Map.Entry<String, double[][]> entry : curves.entrySet()) {
            chart.addSeries(entry.getKey(), entry.getValue()[0], entry.getValue()[1]);
            double[] steps = entry.getValue()[0];
            lastStep = Math.max(lastStep, steps[steps.length - 1]);
        }
        XYSeries frozen = chart.addSeries("frozen codec", new double[] {0, lastStep}, new double[] {frozenMse, frozenMse});
        frozen.setMarker(SeriesMarkers.NONE);
        frozen.setLineColor(Color.BLACK);
        save(chart, file);
    }

    /**
     * Mean validation MSE per group (circle) with a whisker from the minimum to the maximum over seeds (drawn as an
     * error bar around the range's midpoint) and the frozen codec (black line).
     */
    static void lossByCondition(List<ResultGroups.Group> groups, double frozenMse, Path file) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(760, 70 * groups.size() + 240)).height(640)
                .title("Validation loss per condition (mean over seeds, whiskers min-max)")
                .yAxisTitle("validation MSE ([0, 1] pixels)").build();
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter)
                .setOverlapped(true);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE).setMarkerSize(10);
        List<String> labels = groups.stream().map(ResultGroups.Group::label).toList();
        CategorySeries frozen = chart.addSeries("frozen codec", labels,
                groups.stream().map(g -> (Number) frozenMse).toList());
        frozen.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        frozen.setMarker(SeriesMarkers.NONE);
        frozen.setLineColor(Color.BLACK);
        chart.getStyler().setErrorBarsColor(Color.DARK_GRAY);
        CategorySeries range = chart.addSeries("min-max over seeds", labels,
                groups.stream().map(g -> (Number) ((g.minMse() + g.maxMse()) / 2)).toList(),
                groups.stream().map(g -> (Number) ((g.maxMse() - g.minMse()) / 2)).toList());
        range.setMarker(SeriesMarkers.NONE);
        range.setLineColor(Color.DARK_GRAY);
        CategorySeries mean = chart.addSeries("mean", labels, groups.stream().map(g -> (Number) g.meanMse()).toList());
        mean.setMarker(SeriesMarkers.CIRCLE);
        mean.setMarkerColor(new Color(0xB2182B));
        save(chart, file);
    }

    /** Shares of stimulated sites per current bin, one bar series per encoding. */
    static void currentHistogram(Map<String, CurrentHistogram> histograms, Path file) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(520)
                .title("Stimulation currents delivered on the training latents").xAxisTitle("current bin (uA)")
                .yAxisTitle("share of stimulated sites").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisLabelRotation(45);
        for (Map.Entry<String, CurrentHistogram> entry : histograms.entrySet()) {
            CurrentHistogram h = entry.getValue();
            List<String> bins = new ArrayList<>();
            List<Number> shares = new ArrayList<>();
            for (int i = 0; i < h.bins(); i++) {
                bins.add(String.format(java.util.Locale.ROOT, "%.2f", h.binStartUa(i)));
                shares.add(h.share(i));
            }
            chart.addSeries(entry.getKey(), bins, shares);
        }
        save(chart, file);
    }

    /** The sweep's mean relative decrease in percent, sigma across, A up. */
    static void sweepHeatMap(double[] sigmas, float[] amplitudes, double[][] percent, Path file) throws IOException {
        HeatMapChart chart = new HeatMapChartBuilder().width(700).height(520)
                .title("Relative decrease of validation loss (%) over the local kernel's sigma x A")
                .xAxisTitle("sigma (electrode pitches)").yAxisTitle("A").build();
        chart.getStyler().setShowValue(true).setRangeColors(DIVERGING).setLegendPosition(Styler.LegendPosition.OutsideE);
        List<String> xs = new ArrayList<>();
        for (double s : sigmas) {
            xs.add(Libraries.kernelName(s, 1f).replaceAll("kernel sigma=| A=.*", ""));
        }
        List<String> ys = new ArrayList<>();
        for (float a : amplitudes) {
            ys.add(Libraries.kernelName(1, a).replaceAll(".* A=", ""));
        }
        List<Number[]> values = new ArrayList<>();
        double largest = 0.1;
        for (int i = 0; i < sigmas.length; i++) {
            for (int j = 0; j < amplitudes.length; j++) {
                if (!Double.isNaN(percent[i][j])) {
                    double rounded = Math.round(percent[i][j] * 10) / 10.0;
                    values.add(new Number[] {i, j, rounded});
                    largest = Math.max(largest, Math.abs(rounded));
                }
            }
        }
        // Centred on zero (white), so the sign of a cell reads from its colour.
        colourRange(chart.addSeries("relative decrease", xs, ys, values), -largest, largest);
        save(chart, file);
    }

    /**
     * Maps on the electrode grid, one panel each: {@code maps[i]} holds one value per electrode, shown with
     * {@code titles[i]}.
     */
    static void arrayMaps(MeaGeometry geometry, List<String> titles, List<float[]> maps, Path file) throws IOException {
        List<Chart<?, ?>> charts = new ArrayList<>();
        for (int m = 0; m < maps.size(); m++) {
            HeatMapChart chart = new HeatMapChartBuilder().width(520).height(440).title(titles.get(m)).build();
            chart.getStyler().setRangeColors(SEQUENTIAL).setLegendPosition(Styler.LegendPosition.OutsideE);
            chart.getStyler().setAxisTicksVisible(false);
            chart.getStyler().setPlotGridLinesVisible(false);
            List<Integer> cols = new ArrayList<>();
            for (int c = 0; c < geometry.cols(); c++) {
                cols.add(c);
            }
            List<Integer> rows = new ArrayList<>();
            for (int r = 0; r < geometry.rows(); r++) {
                rows.add(geometry.rows() - 1 - r);
            }
            List<Number[]> values = new ArrayList<>();
            float[] map = maps.get(m);
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < geometry.rows(); r++) {
                for (int c = 0; c < geometry.cols(); c++) {
                    float value = map[geometry.index(r, c)];
                    values.add(new Number[] {c, geometry.rows() - 1 - r, value});
                    low = Math.min(low, value);
                    high = Math.max(high, value);
                }
            }
            colourRange(chart.addSeries(titles.get(m), cols, rows, values), low, high);
            charts.add(chart);
        }
        BitmapEncoder.saveBitmap(charts, 1, charts.size(), file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Rows of whole frames side by side (planar RGB in [0, 1]), e.g. original | codec | codec+adapter. */
    static void imageGrid(List<float[][]> rows, Path file) throws IOException {
        int w = LatentContract.IMAGE_WIDTH;
        int h = LatentContract.IMAGE_HEIGHT;
        int cols = rows.get(0).length;
        BufferedImage grid = new BufferedImage(cols * w, rows.size() * h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        try {
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < cols; c++) {
                    g.drawImage(ImageIo.fromPlanarRgb(rows.get(r)[c]), c * w, r * h, null);
                }
            }
        } finally {
            g.dispose();
        }
        ImageIo.writePngAtomically(grid, file);
    }

    /**
     * Sets a heat map's colour range to {@code [low, high]} widened by 0.1%: XChart 3.8.8 indexes past
     * its colour array for a cell whose value is the largest in the series when it computes the range
     * itself, and fails the whole figure.
     */
    private static void colourRange(HeatMapSeries series, double low, double high) {
        double margin = Math.max(1e-6, (high - low) * 1e-3);
        series.setMin(low - margin);
        series.setMax(high + margin);
    }

    private static void save(Chart<?, ?> chart, Path file) throws IOException {
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
