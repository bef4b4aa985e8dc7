package io.neuroframe.world.train;

import io.neuroframe.codec.data.ImageIo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The plot of a {@link TurnResponse}'s free-running turns step by step, {@code turns.png}: for the right turn, the
 * left turn and standing still, each step's shift of the scene over the real shift of its turn, with the line a model
 * that turns as real frames do stays on.
 */
public final class TurnPlot {
    /** Name of the file written. */
    public static final String FILE_NAME = "turns.png";
    private static final int WIDTH = 800;
    private static final int HEIGHT = 480;

    private TurnPlot() {
    }

    /**
     * Writes {@value #FILE_NAME} into {@code folder} (made if missing).
     *
     * @return the file written
     */
    public static Path write(TurnResponse.Result turns, Path folder) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(FILE_NAME);
        ImageIo.writePngAtomically(BitmapEncoder.getBufferedImage(chart(turns)), file);
        return file;
    }

    private static XYChart chart(TurnResponse.Result turns) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(String.format(Locale.ROOT, "free-running %.0f-degree turns, step by step (%d runs each)",
                        TurnResponse.TURN_DEGREES, turns.turns()))
                .xAxisTitle("step").yAxisTitle("shift over the real turn's shift").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal);
        int steps = turns.rightTurnSteps().length;
        double[] x = IntStream.rangeClosed(1, steps).asDoubleStream().toArray();
        add(chart, String.format(Locale.ROOT, "right turn (%.2f in all)", turns.rightTurnRatio()), x,
                turns.rightTurnSteps(), new Color(0xD95F02));
        add(chart, String.format(Locale.ROOT, "left turn (%.2f in all)", turns.leftTurnRatio()), x,
                turns.leftTurnSteps(), new Color(0x7570B3));
        add(chart, String.format(Locale.ROOT, "standing still, as a right turn (%.2f in all)", turns.standStillRatio()),
                x, turns.standStillSteps(), new Color(0x1B9E77));
        XYSeries real = chart.addSeries("as real frames turn", new double[] {1, steps}, new double[] {1, 1});
        real.setMarker(SeriesMarkers.NONE);
        real.setLineColor(Color.BLACK);
        real.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        return chart;
    }

    private static void add(XYChart chart, String name, double[] x, double[] y, Color colour) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(colour);
        series.setLineColor(colour);
    }
}
