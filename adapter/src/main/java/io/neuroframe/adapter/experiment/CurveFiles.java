package io.neuroframe.adapter.experiment;

import io.neuroframe.adapter.AdapterCondition;
import io.neuroframe.adapter.train.AdapterTrainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The experiment folder's {@code curves/}: each unit's loss curve over training as CSV (one row per measured step),
 * and the mean curves the report's figures plot.
 */
final class CurveFiles {

    /** The columns of a curve file. */
    enum Columns {
        /** {@code step,validation_mse}. */
        VALIDATION("step,validation_mse"),
        /** {@code step,validation_mse,train_loss}: also the mean training loss of the steps since the last point. */
        VALIDATION_AND_TRAIN("step,validation_mse,train_loss");

        private final String header;

        Columns(String header) {
            this.header = header;
        }
    }

    private CurveFiles() {
    }

    /** Writes {@code unit}'s curve with {@code columns} into {@code out}'s {@code curves/}, atomically. */
    static void write(Path out, RunUnit unit, List<AdapterTrainer.CurvePoint> curve, Columns columns)
            throws IOException {
        StringBuilder text = new StringBuilder(columns.header).append('\n');
        for (AdapterTrainer.CurvePoint p : curve) {
            text.append(p.step()).append(',').append(String.format(Locale.ROOT, "%.8g", p.mse()));
            if (columns == Columns.VALIDATION_AND_TRAIN) {
                text.append(',').append(String.format(Locale.ROOT, "%.8g", p.trainLoss()));
            }
            text.append('\n');
        }
        ExperimentFiles.writeAtomically(file(out, unit), text.toString());
    }

    /**
     * Steps (row 0) and column {@code column} (row 1) of {@code unit}'s curve, skipping points where that column is
     * not finite; null when the unit has no curve file or no such point.
     */
    static double[][] read(Path out, RunUnit unit, int column) throws IOException {
        Path file = file(out, unit);
        if (!Files.exists(file)) {
            return null;
        }
        List<double[]> points = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            double value = Double.parseDouble(f[column]);
            if (Double.isFinite(value)) {
                points.add(new double[] {Double.parseDouble(f[0]), value});
            }
        }
        if (points.isEmpty()) {
            return null;
        }
        double[][] curve = new double[2][points.size()];
        for (int i = 0; i < points.size(); i++) {
            curve[0][i] = points.get(i)[0];
            curve[1][i] = points.get(i)[1];
        }
        return curve;
    }

    /**
     * The mean of column {@code column} of the curves of {@code units} per plotted label, point by point over the
     * length of the label's shortest curve: one label per condition, with the units on cultures (any library but none
     * and the headline kernel) averaged under {@code "<condition> (cultures)"}. The frozen codec and units without a
     * curve are left out.
     */
    static Map<String, double[][]> means(Path out, List<RunUnit> units, String headline, int column)
            throws IOException {
        Map<String, List<double[][]>> byLabel = new LinkedHashMap<>();
        for (RunUnit unit : units) {
            if (unit.condition() == AdapterCondition.IDENTITY) {
                continue;
            }
            double[][] curve = read(out, unit, column);
            if (curve == null) {
                continue;
            }
            boolean culture = !unit.library().equals(RunUnit.NO_LIBRARY) && !unit.library().equals(headline);
            byLabel.computeIfAbsent(culture ? unit.condition().id() + " (cultures)" : unit.condition().id(),
                    k -> new ArrayList<>()).add(curve);
        }
        Map<String, double[][]> means = new LinkedHashMap<>();
        for (Map.Entry<String, List<double[][]>> entry : byLabel.entrySet()) {
            int n = entry.getValue().stream().mapToInt(c -> c[0].length).min().orElse(0);
            double[][] mean = new double[2][n];
            for (double[][] c : entry.getValue()) {
                for (int i = 0; i < n; i++) {
                    mean[0][i] = c[0][i];
                    mean[1][i] += c[1][i] / entry.getValue().size();
                }
            }
            means.put(entry.getKey(), mean);
        }
        return means;
    }

    private static Path file(Path out, RunUnit unit) {
        return out.resolve("curves").resolve(unit.fileStem() + ".csv");
    }
}
